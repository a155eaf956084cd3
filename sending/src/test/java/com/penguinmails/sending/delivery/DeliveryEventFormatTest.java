package com.penguinmails.sending.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.sending.tracking.TrackingEvents;
import com.penguinmails.sending.tracking.TrackingTokens;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The one format our own producers queue delivery events in: what each origin writes is what ingest reads back, an
 * origin may only carry its own event types (checked when writing and again when reading), and tracking events queued
 * in the shape written before this format existed still read.
 */
class DeliveryEventFormatTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:00:00.123Z");

    @Test
    void whatEachOriginWritesIsWhatIngestReads() {
        DeliveryEvent click = TrackingEvents.hit(DeliveryEvent.Type.CLICK, "click-abc",
                new TrackingTokens.Claims(TrackingTokens.Kind.CLICK, "ws_1", "msg_1", " Ada@Example.ORG ", "https://acme.test/x"), AT,
                "https://acme.test/x");
        DeliveryEvent bounce = new DeliveryEvent("mbx-bounce-1", DeliveryEvent.Type.HARD_BOUNCE, "ws_1", "msg_2", "mbx_1", "coldco.test",
                "bob@example.org", AT, "5.1.1: gone");
        DeliveryEvent delivery = new DeliveryEvent("local-ses-delivery-msg_3", DeliveryEvent.Type.DELIVERY, "ws_1", "msg_3", "ip_1",
                "acme.test", "cy@example.org", AT, "250 OK (local SMTP sink)");

        assertThat(click.recipient()).as("the adapter normalises the address").isEqualTo("ada@example.org");
        assertThat(SesEventParser.parse(DeliveryEventFormat.toJson(DeliveryEventFormat.Origin.TRACKING, click))).isEqualTo(click);
        assertThat(SesEventParser.parse(DeliveryEventFormat.toJson(DeliveryEventFormat.Origin.MAILBOX_BOUNCE, bounce))).isEqualTo(bounce);
        assertThat(SesEventParser.parse(DeliveryEventFormat.toJson(DeliveryEventFormat.Origin.LOCAL_SES, delivery))).isEqualTo(delivery);
        assertThat(DeliveryEventFormat.toJson(DeliveryEventFormat.Origin.TRACKING, click)).as("absent values are left out")
                .doesNotContain("resourceId").doesNotContain("null");
    }

    @Test
    void anOriginCarriesOnlyItsOwnTypesWhenWritingAndWhenReading() {
        DeliveryEvent open = new DeliveryEvent("open-1", DeliveryEvent.Type.OPEN, "ws_1", "msg_1", null, null, "ada@example.org", AT, null);
        assertThatThrownBy(() -> DeliveryEventFormat.toJson(DeliveryEventFormat.Origin.LOCAL_SES, open))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local SES events are DELIVERY");

        String forged = DeliveryEventFormat.toJson(DeliveryEventFormat.Origin.TRACKING, open).replace("\"OPEN\"", "\"COMPLAINT\"");
        assertThatThrownBy(() -> SesEventParser.parse(forged)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tracking events are");
        String noTime = DeliveryEventFormat.toJson(DeliveryEventFormat.Origin.TRACKING, open).replaceAll(",\"at\":\"[^\"]*\"", "");
        assertThatThrownBy(() -> SesEventParser.parse(noTime)).hasMessageContaining("lacks at");
    }

    @Test
    void aTrackingEventQueuedInTheEarlierHandBuiltShapeStillReads() {
        String before = "{\"source\":\"penguinmails.tracking\",\"type\":\"OPEN\",\"eventId\":\"open-Xy12\",\"workspaceId\":\"ws_1\","
                + "\"messageId\":\"msg_1\",\"recipient\":\"Ada@Example.org\",\"at\":\"2026-11-20T10:00:00.123Z\",\"detail\":\"Mozilla/5.0\"}";

        assertThat(SesEventParser.parse(before)).isEqualTo(new DeliveryEvent("open-Xy12", DeliveryEvent.Type.OPEN, "ws_1", "msg_1", null, null,
                "ada@example.org", AT, "Mozilla/5.0"));
    }
}

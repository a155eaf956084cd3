package com.penguinmails.mailadapters;

import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpPool;
import com.penguinmails.sending.ips.PoolProvisioner;
import java.util.List;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sesv2.model.EventType;
import software.amazon.awssdk.services.sesv2.model.ScalingMode;

/**
 * SES v2: dedicated IP pool + configuration set (named after our pool id) + an event destination that publishes
 * every event type to the SNS topic the delivery-events queue subscribes to. Each step tolerates "already exists"
 * so a retried request completes the work. Cannot run here (no AWS); locally {@link PoolProvisioner#NONE} is used.
 */
public final class SesPoolProvisioner implements PoolProvisioner {

    private final SesV2Client ses;
    private final String eventsTopicArn;

    public SesPoolProvisioner(SesV2Client ses, String eventsTopicArn) {
        this.ses = ses;
        this.eventsTopicArn = eventsTopicArn;
    }

    @Override
    public void provision(IpPool pool, List<DedicatedIp> ips) {
        ignoreExisting(() -> ses.createDedicatedIpPool(r -> r.poolName(pool.id()).scalingMode(ScalingMode.STANDARD)));
        for (DedicatedIp ip : ips) {
            // The IP must already be leased to this AWS account; moving it into the pool is what SES allows.
            ses.putDedicatedIpInPool(r -> r.ip(ip.address()).destinationPoolName(pool.id()));
        }
        ignoreExisting(() -> ses.createConfigurationSet(r -> r.configurationSetName(pool.id())
                .deliveryOptions(d -> d.sendingPoolName(pool.id()).tlsPolicy("REQUIRE"))));
        ignoreExisting(() -> ses.createConfigurationSetEventDestination(r -> r.configurationSetName(pool.id())
                .eventDestinationName("penguinmails-ingest")
                .eventDestination(d -> d.enabled(true)
                        .matchingEventTypes(EventType.SEND, EventType.DELIVERY, EventType.BOUNCE, EventType.COMPLAINT,
                                EventType.DELIVERY_DELAY, EventType.REJECT, EventType.RENDERING_FAILURE, EventType.OPEN,
                                EventType.CLICK, EventType.SUBSCRIPTION)
                        .snsDestination(s -> s.topicArn(eventsTopicArn)))));
    }

    private static void ignoreExisting(Runnable step) {
        try {
            step.run();
        } catch (AlreadyExistsException e) {
            // Created by an earlier attempt.
        }
    }
}

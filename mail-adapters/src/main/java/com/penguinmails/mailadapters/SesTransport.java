package com.penguinmails.mailadapters;

import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * IP-pool mail in AWS: SES v2 SendEmail with our own MIME (so headers such as List-Unsubscribe are exactly ours),
 * the pool's configuration set (which pins the dedicated IP pool and publishes events), and the tags the ingest
 * function uses to find the message again. Cannot run here (no AWS); the local platform uses {@link SmtpTransport}
 * behind the same interface.
 */
public final class SesTransport implements MailTransport {

    private final SesV2Client ses;

    public SesTransport(SesV2Client ses) {
        this.ses = ses;
    }

    @Override
    public void send(OutgoingEmail email, SendingIdentity identity) {
        try {
            ses.sendEmail(r -> r
                    .fromEmailAddress(email.envelopeFrom())
                    .destination(d -> d.toAddresses(email.recipients()))
                    .content(c -> c.raw(raw -> raw.data(SdkBytes.fromByteArray(email.mime()))))
                    .configurationSetName(identity.configurationSet())
                    .emailTags(tags(email, identity)));
        } catch (TooManyRequestsException | SendingPausedException e) {
            throw new TransientSendException("SES: " + e.getMessage(), e);
        } catch (MessageRejectedException | MailFromDomainNotVerifiedException | AccountSuspendedException e) {
            throw new PermanentSendException("SES refused the message: " + e.getMessage(), e);
        } catch (SesV2Exception e) {
            if (e.statusCode() >= 500) {
                throw new TransientSendException("SES: " + e.getMessage(), e);
            }
            throw new PermanentSendException("SES: " + e.getMessage(), e);
        }
    }

    // SES tag values allow letters, digits, '_', '-' and '.': our ids fit.
    private static List<MessageTag> tags(OutgoingEmail email, SendingIdentity identity) {
        return List.of(
                MessageTag.builder().name("pm-workspace").value(identity.workspaceId()).build(),
                MessageTag.builder().name("pm-message").value(email.messageId()).build(),
                MessageTag.builder().name("pm-resource").value(identity.resourceId()).build());
    }
}

package com.penguinmails.sending.mailboxes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.penguinmails.sending.mail.SmtpSecurity;

/**
 * How to reach a mailbox's SMTP server. The password is only ever held encrypted ({@link SecretCipher}); the API
 * never returns this record, only its host, port, username, security and certificate fingerprints.
 *
 * @param security           implicit TLS, required STARTTLS, STARTTLS when offered, or none
 * @param trustedCertificate PEM certificates its connections trust instead of the JVM's CAs (a self-hosted server's
 *                           self-signed certificate, a private CA), or null
 */
public record SmtpServerSettings(String host, int port, String username, String passwordCiphertext, SmtpSecurity security,
                                 String trustedCertificate) {

    /**
     * Reads what we stored, including mailboxes stored before {@code security} existed: their boolean {@code tls}
     * meant STARTTLS when offered (true) or plain text (false), and they keep exactly that.
     */
    @JsonCreator
    static SmtpServerSettings stored(@JsonProperty("host") String host, @JsonProperty("port") int port,
                                     @JsonProperty("username") String username, @JsonProperty("passwordCiphertext") String passwordCiphertext,
                                     @JsonProperty("security") SmtpSecurity security, @JsonProperty("tls") Boolean legacyTls,
                                     @JsonProperty("trustedCertificate") String trustedCertificate) {
        SmtpSecurity resolved = security != null ? security
                : legacyTls == null || legacyTls ? SmtpSecurity.STARTTLS : SmtpSecurity.NONE;
        return new SmtpServerSettings(host, port, username, passwordCiphertext, resolved, trustedCertificate);
    }

    @Override
    public String toString() {
        return "SmtpServerSettings[host=" + host + ", port=" + port + ", username=" + username + ", security=" + security + "]";
    }
}

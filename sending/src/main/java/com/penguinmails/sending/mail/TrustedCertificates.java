package com.penguinmails.sending.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates a mailbox trusts instead of the JVM's CAs, for a self-hosted server with a self-signed certificate or
 * a private CA: given as PEM, used as the only trust anchors of its connections. The chain is still validated
 * (signatures, dates) and the host name still checked; only where trust starts changes.
 */
public final class TrustedCertificates {

    public static final int MAX_CERTIFICATES = 10;

    private TrustedCertificates() {
    }

    /** The X.509 certificates in {@code pem}; IllegalArgumentException when there are none or it is not PEM. */
    public static List<X509Certificate> parse(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("expected one or more PEM certificates (-----BEGIN CERTIFICATE----- ...)");
        }
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty() || certificates.size() > MAX_CERTIFICATES) {
                throw new IllegalArgumentException("expected 1 to " + MAX_CERTIFICATES + " PEM certificates, found " + certificates.size());
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a readable PEM certificate: " + e.getMessage(), e);
        }
    }

    /** TLS sockets that trust exactly the certificates in {@code pem} (PKIX validation, nothing disabled). */
    public static SSLSocketFactory socketFactory(String pem) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            List<X509Certificate> certificates = parse(pem);
            for (int i = 0; i < certificates.size(); i++) {
                anchors.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust store from the mailbox's certificates", e);
        }
    }

    /** SHA-256 of the DER encoding, lower-case hex: what {@code openssl x509 -fingerprint -sha256} shows, without colons. */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

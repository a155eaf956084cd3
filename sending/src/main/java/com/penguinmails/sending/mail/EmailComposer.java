package com.penguinmails.sending.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the MIME message: Message-ID, one-click unsubscribe headers (RFC 8058: an https URL and a mailto, plus
 * List-Unsubscribe-Post), the postal-address footer CAN-SPAM asks for, and optional open pixel and click rewriting.
 */
public final class EmailComposer {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");
    private static final Pattern HREF = Pattern.compile("href=\"(https?://[^\"]+)\"", Pattern.CASE_INSENSITIVE);

    /** The rendered parts and the links that make one message trackable and unsubscribable. */
    public record Parts(String from, String replyTo, String to, String subject, String html, String text,
                        Map<String, String> headers, String messageIdHeader, String unsubscribeUrl, String unsubscribeMailto,
                        String openPixelUrl, UnaryOperator<String> clickRewriter, String postalAddress) {}

    private EmailComposer() {
    }

    public static OutgoingEmail compose(Parts parts) {
        try {
            MimeMessage mime = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", parts.messageIdHeader());
                }
            };
            // Extra headers first, so that every header set below is the platform's whatever the extras held.
            for (Map.Entry<String, String> header : parts.headers().entrySet()) {
                requireOneLine(header.getKey(), header.getValue());
                mime.setHeader(header.getKey(), header.getValue());
            }
            InternetAddress from = new InternetAddress(parts.from(), true);
            mime.setFrom(from);
            mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(parts.to(), true));
            if (parts.replyTo() != null) {
                mime.setReplyTo(new InternetAddress[] {new InternetAddress(parts.replyTo(), true)});
            }
            mime.setSubject(parts.subject(), "UTF-8");
            mime.setHeader("List-Unsubscribe", "<" + parts.unsubscribeUrl() + ">, <" + parts.unsubscribeMailto() + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

            String text = parts.text() == null ? null : withTextFooter(parts.text(), parts.postalAddress(), parts.unsubscribeUrl());
            String html = parts.html() == null ? null : htmlWithTracking(parts);
            if (html != null && text != null) {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart textPart = new MimeBodyPart();
                textPart.setText(text, "UTF-8");
                MimeBodyPart htmlPart = new MimeBodyPart();
                htmlPart.setText(html, "UTF-8", "html");
                alternative.addBodyPart(textPart);
                alternative.addBodyPart(htmlPart);
                mime.setContent(alternative);
            } else if (html != null) {
                mime.setText(html, "UTF-8", "html");
            } else {
                mime.setText(text, "UTF-8");
            }
            mime.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mime.writeTo(out);
            return new OutgoingEmail(from.getAddress(), List.of(parts.to()), parts.messageIdHeader(), out.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("could not build the email: " + e.getMessage(), e);
        }
    }

    /**
     * The last line of defence against header injection (CustomHeaders checks the API's headers long before): a
     * field name of printable ASCII without ':', a value without CR or LF. Jakarta Mail writes both as given.
     */
    private static void requireOneLine(String name, String value) {
        boolean nameOk = name != null && FIELD_NAME.matcher(name).matches();
        if (!nameOk || value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("refusing a malformed header " + (name == null ? null : name.replaceAll("[\\r\\n]", "?")));
        }
    }

    private static String htmlWithTracking(Parts parts) {
        String html = parts.html();
        if (parts.clickRewriter() != null) {
            Matcher matcher = HREF.matcher(html);
            StringBuilder rewritten = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(rewritten, Matcher.quoteReplacement("href=\"" + parts.clickRewriter().apply(matcher.group(1)) + "\""));
            }
            matcher.appendTail(rewritten);
            html = rewritten.toString();
        }
        StringBuilder footer = new StringBuilder("<div style=\"font-size:12px;color:#666\">");
        if (parts.postalAddress() != null) {
            footer.append(escape(parts.postalAddress())).append("<br>");
        }
        footer.append("<a href=\"").append(parts.unsubscribeUrl()).append("\">Unsubscribe</a></div>");
        if (parts.openPixelUrl() != null) {
            footer.append("<img src=\"").append(parts.openPixelUrl()).append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">");
        }
        int body = html.toLowerCase().lastIndexOf("</body>");
        return body >= 0 ? html.substring(0, body) + footer + html.substring(body) : html + footer;
    }

    private static String withTextFooter(String text, String postalAddress, String unsubscribeUrl) {
        return text + "\n\n--\n" + (postalAddress == null ? "" : postalAddress + "\n") + "Unsubscribe: " + unsubscribeUrl + "\n";
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

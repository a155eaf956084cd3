package com.penguinmails.embedded;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Turns what GreenMail received into a {@link CapturedMessage}. */
final class MessageCapture {

    private String text;
    private String html;

    private MessageCapture() {
    }

    static CapturedMessage of(MovingMessage received, Instant receivedAt) throws MessagingException, IOException {
        MimeMessage message = received.getMessage();
        MessageCapture bodies = new MessageCapture();
        bodies.collectBodies(message);
        return new CapturedMessage(message.getMessageID(), from(message), recipients(message, received),
                message.getSubject(), headers(message), bodies.text, bodies.html, receivedAt);
    }

    private static String from(MimeMessage message) throws MessagingException {
        Address[] from = message.getFrom();
        return from == null ? null : Stream.of(from).map(MessageCapture::display).collect(Collectors.joining(", "));
    }

    private static String display(Address address) {
        return address instanceof InternetAddress internet ? internet.toUnicodeString() : address.toString();
    }

    /** The envelope recipients, those the headers name first and in their order, then the Bcc ones sorted. */
    private static List<String> recipients(MimeMessage message, MovingMessage received) throws MessagingException {
        Set<String> envelope = received.getToAddresses().stream().map(MailAddress::getEmail)
                .collect(Collectors.toCollection(HashSet::new));
        List<String> ordered = new ArrayList<>();
        Address[] named = message.getAllRecipients();
        for (Address address : named == null ? new Address[0] : named) {
            if (address instanceof InternetAddress internet && envelope.remove(internet.getAddress())) {
                ordered.add(internet.getAddress());
            }
        }
        envelope.stream().sorted().forEach(ordered::add);
        return ordered;
    }

    private static Map<String, List<String>> headers(MimeMessage message) throws MessagingException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements(); ) {
            Header header = all.nextElement();
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>())
                    .add(MimeUtility.unfold(header.getValue()));
        }
        return headers;
    }

    private void collectBodies(Part part) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectBodies(multipart.getBodyPart(i));
            }
        } else if (text == null && part.isMimeType("text/plain")) {
            text = (String) part.getContent();
        } else if (html == null && part.isMimeType("text/html")) {
            html = (String) part.getContent();
        }
    }
}

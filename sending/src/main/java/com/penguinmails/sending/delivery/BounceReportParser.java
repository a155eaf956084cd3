package com.penguinmails.sending.delivery;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads bounce reports as they arrive in a mailbox. Pure: bytes in, a {@link BounceReport} out, no I/O.
 *
 * <p>A message is a bounce report when it is an RFC 3464 delivery status notification ({@code multipart/report;
 * report-type=delivery-status}), or comes from a mailer daemon or postmaster, or carries {@code X-Failed-Recipients}
 * (Exim). Other reports (read receipts, ARF feedback) and everything else are not.
 *
 * <ul>
 *   <li>Standard reports: each per-recipient group of the {@code message/delivery-status} part gives Final-Recipient
 *       (else Original-Recipient), Action, Status and Diagnostic-Code. {@code delayed} is a DELIVERY_DELAY (a warning:
 *       the server keeps trying); {@code failed} is a HARD_BOUNCE for a 5.x.x status and a SOFT_BOUNCE for 4.x.x;
 *       {@code delivered}, {@code relayed} and {@code expanded} are no problem.</li>
 *   <li>Non-standard bounces (qmail's "failure notice", Exim's "Mail delivery failed", ...): the text before the copy
 *       of the original is searched for the recipient ({@code X-Failed-Recipients}, a {@code <address>:} line, the
 *       address under "failed:"), the first enhanced status code (else SMTP reply code) and its line, and delay
 *       wording; with no code at all, permanent wording makes it hard, anything else soft.</li>
 * </ul>
 * The original message is found in a {@code message/rfc822} or {@code text/rfc822-headers} part, else in the quoted
 * copy in the text (lines may be prefixed with {@code >}). It is ours when it carries {@code X-PM-Message-Id} or a
 * Message-ID of the form {@code <msg_...@domain>}, which our sender sets on every cold email.
 */
public final class BounceReportParser {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern DAEMON = Pattern.compile("(?i)mailer[-_]?daemon|mail-daemon|postmaster");
    private static final Pattern OUR_MESSAGE_ID = Pattern.compile("msg_[A-Za-z0-9]{8,64}");
    private static final Pattern WORKSPACE_ID = Pattern.compile("ws_[A-Za-z0-9]{4,64}");
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s@]+)@([^<>\\s]+)>");
    private static final Pattern ENHANCED_STATUS = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");
    private static final Pattern SMTP_CODE = Pattern.compile("(?<![\\d.])([245][0-9][0-9])(?=[ -])");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+\\.[A-Za-z0-9-]+");
    /** Where a non-standard bounce starts its copy of the original. */
    private static final Pattern COPY_MARKER = Pattern.compile(
            "(?im)^.*(below this line is a copy|this is a copy of the message|original message follows|returned message|"
                    + "original message headers|-{3,}\\s*original message\\s*-{3,}|undelivered message).*$");
    private static final Pattern HEADER_LINE = Pattern.compile("(?im)^[>\\s]*(return-path|received|message-id|x-pm-message-id|date|from|to|subject):");
    private static final Pattern ANGLED_RECIPIENT_LINE = Pattern.compile("(?m)^\\s*<(" + ADDRESS.pattern() + ")>:");
    private static final Pattern EXIM_FAILED = Pattern.compile("(?i)address(?:\\(es\\))? failed:\\s*\\n(?:\\s*\\n)?\\s*<?(" + ADDRESS.pattern() + ")>?");
    private static final Pattern DELAY_WORDING = Pattern.compile(
            "(?i)warning only|still being retried|will be retried|will retry|not yet been delivered|has been delayed|delivery delayed");
    private static final Pattern PERMANENT_WORDING = Pattern.compile(
            "(?i)permanent(ly)? (error|failure)|does not exist|no such user|user unknown|unknown user|address rejected|invalid recipient|"
                    + "mailbox unavailable|recipient not found");
    private static final int MAX_DEPTH = 6;
    private static final int MAX_PART_BYTES = 256 * 1024;
    private static final int MAX_DIAGNOSTIC = 300;

    private BounceReportParser() {
    }

    /** The report in {@code raw} (a whole RFC 5322 message); empty when it is not a bounce report. */
    public static Optional<BounceReport> parse(byte[] raw) {
        try {
            return parse(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
        } catch (MessagingException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<BounceReport> parse(MimeMessage message) throws MessagingException, IOException {
        ContentType type = contentType(message.getContentType());
        boolean report = type != null && type.match("multipart/report");
        String reportType = type == null ? null : type.getParameter("report-type");
        if (report && reportType != null && !"delivery-status".equalsIgnoreCase(reportType.strip())) {
            return Optional.empty(); // a read receipt, an abuse (ARF) report, ...
        }
        String from = firstAddress(message.getHeader("From", ","));
        boolean fromDaemon = from != null && DAEMON.matcher(from.substring(0, from.indexOf('@'))).matches();
        String failedRecipients = message.getHeader("X-Failed-Recipients", ",");
        if (!report && !fromDaemon && failedRecipients == null) {
            return Optional.empty();
        }

        Parts parts = new Parts();
        collect(message, parts, 0);
        Date date = safeSentDate(message);
        Instant reportedAt = date == null ? null : date.toInstant();
        String reportId = message.getHeader("Message-ID", null);

        List<Map<String, String>> groups = new ArrayList<>();
        for (String status : parts.statuses) {
            groups.addAll(fieldGroups(status));
        }
        Map<String, String> perMessage = groups.stream().filter(g -> !isRecipientGroup(g)).findFirst().orElse(Map.of());
        List<Map<String, String>> perRecipient = groups.stream().filter(BounceReportParser::isRecipientGroup).toList();
        String text = parts.text.length() > 0 ? parts.text.toString() : stripTags(parts.html.toString());

        BounceReport.Original original = parts.originalHeaders != null ? original(parts.originalHeaders) : null;
        if (original == null || original.messageId() == null) {
            BounceReport.Original quoted = originalFromText(copySection(text));
            if (quoted != null && (original == null || quoted.messageId() != null)) {
                original = quoted;
            }
        }
        if (original == null || original.messageId() == null) {
            // Last resort: the report itself names the original (Gmail's X-Original-Message-ID, or In-Reply-To).
            String id = firstOurs(perMessage.get("x-original-message-id"), message.getHeader("In-Reply-To", " "),
                    message.getHeader("References", " "));
            if (id != null) {
                Matcher m = ANGLE_ID.matcher(id);
                m.find();
                original = new BounceReport.Original(m.group(1), original == null ? null : original.workspaceId(), id,
                        original != null && original.fromDomain() != null ? original.fromDomain() : lower(m.group(2)),
                        original == null ? null : original.to());
            }
        }

        List<BounceReport.Recipient> recipients = new ArrayList<>();
        boolean standard = !perRecipient.isEmpty();
        if (standard) {
            for (Map<String, String> group : perRecipient) {
                recipients.add(standardRecipient(group));
            }
        } else {
            recipients.addAll(nonStandardRecipients(diagnosticSection(text), failedRecipients, original));
        }
        String reporter = standard && perMessage.containsKey("reporting-mta") ? withoutType(perMessage.get("reporting-mta")) : from;
        return Optional.of(new BounceReport(reportId == null ? null : reportId.strip(), reportedAt, standard, reporter, original, recipients));
    }

    private static final class Parts {
        final List<String> statuses = new ArrayList<>();
        Map<String, String> originalHeaders;
        final StringBuilder text = new StringBuilder();
        final StringBuilder html = new StringBuilder();
    }

    private static void collect(Part part, Parts parts, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            MimeMultipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), parts, depth + 1);
            }
        } else if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
            parts.statuses.add(read(part));
        } else if (part.isMimeType("message/rfc822") || part.isMimeType("message/global")
                || part.isMimeType("text/rfc822-headers") || part.isMimeType("text/global-headers")) {
            if (parts.originalHeaders == null) {
                parts.originalHeaders = fields(headerBlock(read(part)));
            }
        } else if (part.isMimeType("text/plain")) {
            if (parts.text.length() < MAX_PART_BYTES) {
                parts.text.append(text(part)).append('\n');
            }
        } else if (part.isMimeType("text/html") && parts.html.length() < MAX_PART_BYTES) {
            parts.html.append(text(part)).append('\n');
        }
    }

    private static BounceReport.Recipient standardRecipient(Map<String, String> group) {
        String address = recipientAddress(group.get("final-recipient"));
        if (address == null) {
            address = recipientAddress(group.get("original-recipient"));
        }
        String action = lower(group.get("action"));
        String diagnostic = group.get("diagnostic-code") == null ? null : truncate(withoutType(group.get("diagnostic-code")));
        String status = enhancedStatus(group.get("status"));
        if (status == null) {
            status = enhancedStatus(diagnostic);
        }
        return new BounceReport.Recipient(address, action, status, classify(action, status, diagnostic), diagnostic);
    }

    /** What an RFC 3464 Action and Status amount to; null when it is no problem. */
    static DeliveryEvent.Type classify(String action, String status, String diagnostic) {
        if ("delivered".equals(action) || "relayed".equals(action) || "expanded".equals(action)) {
            return null;
        }
        if ("delayed".equals(action)) {
            return DeliveryEvent.Type.DELIVERY_DELAY;
        }
        char statusClass = status != null ? status.charAt(0) : smtpClass(diagnostic);
        return switch (statusClass) {
            case '5' -> DeliveryEvent.Type.HARD_BOUNCE;
            case '4' -> DeliveryEvent.Type.SOFT_BOUNCE;
            case '2' -> null;
            default -> "failed".equals(action) ? DeliveryEvent.Type.HARD_BOUNCE : DeliveryEvent.Type.SOFT_BOUNCE;
        };
    }

    private static List<BounceReport.Recipient> nonStandardRecipients(String diagnosticText, String failedRecipients,
                                                                      BounceReport.Original original) {
        List<String> addresses = new ArrayList<>();
        if (failedRecipients != null) {
            Matcher m = ADDRESS.matcher(failedRecipients);
            while (m.find()) {
                addresses.add(lower(m.group()));
            }
        }
        if (addresses.isEmpty()) {
            Matcher m = ANGLED_RECIPIENT_LINE.matcher(diagnosticText);
            while (m.find()) {
                if (!addresses.contains(lower(m.group(1)))) {
                    addresses.add(lower(m.group(1)));
                }
            }
        }
        if (addresses.isEmpty()) {
            Matcher m = EXIM_FAILED.matcher(diagnosticText);
            if (m.find()) {
                addresses.add(lower(m.group(1)));
            }
        }
        if (addresses.isEmpty()) {
            addresses.add(original == null ? null : original.to());
        }
        String status = enhancedStatus(diagnosticText);
        String diagnostic = null;
        Matcher code = status != null ? ENHANCED_STATUS.matcher(diagnosticText) : SMTP_CODE.matcher(diagnosticText);
        if (code.find()) {
            diagnostic = truncate(lineAround(diagnosticText, code.start()));
        }
        String action = DELAY_WORDING.matcher(diagnosticText).find() ? "delayed" : "failed";
        DeliveryEvent.Type type;
        if ("delayed".equals(action)) {
            type = DeliveryEvent.Type.DELIVERY_DELAY;
        } else if (status != null || diagnostic != null) {
            type = classify(action, status, diagnostic);
        } else {
            type = PERMANENT_WORDING.matcher(diagnosticText).find() ? DeliveryEvent.Type.HARD_BOUNCE : DeliveryEvent.Type.SOFT_BOUNCE;
        }
        List<BounceReport.Recipient> recipients = new ArrayList<>();
        for (String address : addresses) {
            recipients.add(new BounceReport.Recipient(address, action, status, type, diagnostic));
        }
        return recipients;
    }

    private static BounceReport.Original original(Map<String, String> headers) {
        String xpm = matching(headers.get("x-pm-message-id"), OUR_MESSAGE_ID);
        String workspace = matching(headers.get("x-pm-workspace-id"), WORKSPACE_ID);
        String messageIdHeader = null;
        String fromMessageId = null;
        String idDomain = null;
        if (headers.get("message-id") != null) {
            Matcher m = ANGLE_ID.matcher(headers.get("message-id"));
            if (m.find()) {
                messageIdHeader = m.group();
                if (OUR_MESSAGE_ID.matcher(m.group(1)).matches()) {
                    fromMessageId = m.group(1);
                    idDomain = lower(m.group(2));
                }
            }
        }
        String from = firstAddress(headers.get("from"));
        String to = firstAddress(headers.get("to"));
        String domain = from != null ? from.substring(from.indexOf('@') + 1) : idDomain;
        if (xpm == null && fromMessageId == null && messageIdHeader == null && from == null) {
            return null;
        }
        return new BounceReport.Original(xpm != null ? xpm : fromMessageId, workspace, messageIdHeader, domain, to);
    }

    /** The original's headers as quoted in a plain-text bounce. */
    private static BounceReport.Original originalFromText(String copy) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("x-pm-message-id", "x-pm-workspace-id", "message-id", "from", "to")) {
            Matcher m = Pattern.compile("(?im)^[>\\s]*" + Pattern.quote(name) + ":[ \\t]*(.+)$").matcher(copy);
            if (m.find()) {
                headers.put(name, m.group(1).strip());
            }
        }
        return headers.isEmpty() ? null : original(headers);
    }

    /** The text before the copy of the original (what the reporting server wrote). */
    private static String diagnosticSection(String text) {
        int end = text.length();
        Matcher marker = COPY_MARKER.matcher(text);
        if (marker.find()) {
            end = marker.start();
        }
        Matcher header = HEADER_LINE.matcher(text);
        if (header.find() && header.start() < end) {
            end = header.start();
        }
        return text.substring(0, end);
    }

    /** The copy of the original in a plain-text bounce (the whole text when there is no marker). */
    private static String copySection(String text) {
        Matcher marker = COPY_MARKER.matcher(text);
        return marker.find() ? text.substring(marker.end()) : text;
    }

    /** RFC 3464 field groups: blank-line separated, folded lines joined. */
    private static List<Map<String, String>> fieldGroups(String status) {
        List<Map<String, String>> groups = new ArrayList<>();
        for (String block : normalise(status).split("\\n[ \\t]*\\n")) {
            Map<String, String> fields = fields(block);
            if (!fields.isEmpty()) {
                groups.add(fields);
            }
        }
        return groups;
    }

    private static boolean isRecipientGroup(Map<String, String> group) {
        return group.containsKey("final-recipient") || group.containsKey("original-recipient") || group.containsKey("action");
    }

    /** {@code Name: value} lines (names lower-cased, first occurrence kept), folded lines joined with a space. */
    private static Map<String, String> fields(String block) {
        Map<String, String> fields = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : normalise(block).split("\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                fields.putIfAbsent(name, value.toString().strip());
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).matches("[!-9;-~]+")) {
                name = line.substring(0, colon).toLowerCase(Locale.ROOT);
                value = new StringBuilder(line.substring(colon + 1));
            } else {
                name = null;
            }
        }
        if (name != null) {
            fields.putIfAbsent(name, value.toString().strip());
        }
        return fields;
    }

    /** The header section of a message (up to its first blank line). */
    private static String headerBlock(String message) {
        String text = normalise(message).stripLeading();
        int blank = text.indexOf("\n\n");
        return blank < 0 ? text : text.substring(0, blank);
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String read(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(MAX_PART_BYTES), StandardCharsets.UTF_8);
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s.length() > MAX_PART_BYTES ? s.substring(0, MAX_PART_BYTES) : s;
            }
        } catch (IOException e) {
            // an unknown charset: read the bytes as they are
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(MAX_PART_BYTES), StandardCharsets.ISO_8859_1);
        }
    }

    private static String stripTags(String html) {
        return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("(?i)<br\\s*/?>|</p>|</div>|</tr>", "\n")
                .replaceAll("<[^>]+>", " ").replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static ContentType contentType(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new ContentType(value);
        } catch (ParseException e) {
            return null;
        }
    }

    private static Date safeSentDate(MimeMessage message) {
        try {
            return message.getSentDate();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The first address of an address header, lower-cased; null when there is none. */
    private static String firstAddress(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            for (Address address : InternetAddress.parseHeader(header, false)) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null && internet.getAddress().indexOf('@') > 0) {
                    return lower(internet.getAddress());
                }
            }
        } catch (AddressException e) {
            // fall through to a plain search
        }
        Matcher m = ADDRESS.matcher(header);
        return m.find() ? lower(m.group()) : null;
    }

    /** {@code rfc822; ann@example.org} → {@code ann@example.org}. */
    private static String recipientAddress(String field) {
        if (field == null) {
            return null;
        }
        Matcher m = ADDRESS.matcher(withoutType(field));
        return m.find() ? lower(m.group()) : null;
    }

    /** {@code smtp; 550 ...} → {@code 550 ...}; {@code dns; mx.example.org} → {@code mx.example.org}. */
    private static String withoutType(String field) {
        int semicolon = field.indexOf(';');
        return (semicolon >= 0 && semicolon < 20 ? field.substring(semicolon + 1) : field).strip();
    }

    private static String enhancedStatus(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ENHANCED_STATUS.matcher(text);
        return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : null;
    }

    private static char smtpClass(String text) {
        if (text == null) {
            return ' ';
        }
        Matcher m = SMTP_CODE.matcher(text);
        return m.find() ? m.group(1).charAt(0) : ' ';
    }

    private static String firstOurs(String... candidates) {
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            Matcher m = ANGLE_ID.matcher(candidate);
            while (m.find()) {
                if (OUR_MESSAGE_ID.matcher(m.group(1)).matches()) {
                    return m.group();
                }
            }
        }
        return null;
    }

    private static String matching(String value, Pattern pattern) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return pattern.matcher(stripped).matches() ? stripped : null;
    }

    private static String lineAround(String text, int index) {
        int start = text.lastIndexOf('\n', index) + 1;
        int end = text.indexOf('\n', index);
        return text.substring(start, end < 0 ? text.length() : end).strip();
    }

    private static String truncate(String value) {
        String oneLine = value.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_DIAGNOSTIC ? oneLine : oneLine.substring(0, MAX_DIAGNOSTIC - 1) + "…";
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}

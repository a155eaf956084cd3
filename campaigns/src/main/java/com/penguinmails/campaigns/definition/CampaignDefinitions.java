package com.penguinmails.campaigns.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.campaigns.contacts.ContactFilter;
import com.penguinmails.campaigns.sequences.StepDelay;
import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.core.problems.FieldError;
import com.penguinmails.core.problems.JsonInput;
import com.penguinmails.sending.mailboxes.SendingWindow;
import com.penguinmails.sending.messages.Templates;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a campaign definition (the body of {@code POST /v1/campaigns}) and reports every problem with its JSON path,
 * e.g. {@code steps[1].variants[0].html}. The same reader turns a stored definition back into a {@link Campaign}.
 */
public final class CampaignDefinitions {

    public static final int MAX_STEPS = 30;
    public static final int MAX_VARIANTS = 5;
    public static final int MAX_NAMED_CONTACTS = 10_000;
    public static final int MAX_BODY_CHARS = 200_000;

    static final Set<String> FIELDS = Set.of("name", "audience", "sending", "schedule", "steps", "trackOpens", "trackClicks", "stopOnAutoReply");
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,200}");
    private static final Pattern VARIANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern SUBJECT = Pattern.compile("[^\\r\\n]{1,998}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern CONTACT_ID = Pattern.compile("ct_[0-9a-f]{24}");
    private static final Pattern DAY = Pattern.compile("(?i)(mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}");

    private CampaignDefinitions() {
    }

    /** A definition, or the errors that keep it from being one. */
    public sealed interface Reading permits Valid, Invalid {}

    public record Valid(Campaign campaign) implements Reading {}

    public record Invalid(List<FieldError> errors) implements Reading {}

    public static Reading read(String workspaceId, String campaignId, JsonNode definition, Instant now) {
        return read(workspaceId, campaignId, definition, now, true);
    }

    /**
     * A definition read back from the store: it was checked when it was saved, so its templates are not compiled
     * again on every read (the sequencer and the event consumer read campaigns often).
     */
    public static Reading readStored(String workspaceId, String campaignId, JsonNode definition, Instant createdAt) {
        return read(workspaceId, campaignId, definition, createdAt, false);
    }

    private static Reading read(String workspaceId, String campaignId, JsonNode definition, Instant now, boolean checkTemplates) {
        JsonInput input = JsonInput.root(definition);
        if (!input.object(FIELDS)) {
            return new Invalid(input.errors());
        }
        Optional<String> name = input.text("name", true, NAME, "the campaign's name, 1 to 200 characters");
        Optional<Audience> audience = input.child("audience", true).flatMap(CampaignDefinitions::audience);
        Optional<SendingPlan> sending = input.child("sending", true).flatMap(CampaignDefinitions::sending);
        Optional<Schedule> schedule = input.child("schedule", false).map(CampaignDefinitions::schedule)
                .orElseGet(() -> Optional.of(new Schedule(SendingWindow.workingHours(ZoneId.of("UTC")).days(), 9 * 60, 17 * 60, ZoneId.of("UTC"), false)));
        List<Step> steps = new ArrayList<>();
        input.array("steps", true, 1, MAX_STEPS).ifPresent(entries -> {
            for (int i = 0; i < entries.size(); i++) {
                step(entries.get(i), i + 1, checkTemplates).ifPresent(steps::add);
            }
        });
        boolean trackOpens = input.bool("trackOpens").orElse(false);
        boolean trackClicks = input.bool("trackClicks").orElse(false);
        boolean stopOnAutoReply = input.bool("stopOnAutoReply").orElse(false);
        if (!input.ok()) {
            return new Invalid(input.errors());
        }
        return new Valid(new Campaign(campaignId, workspaceId, name.orElseThrow(), CampaignStatus.DRAFT, audience.orElseThrow(),
                sending.orElseThrow(), schedule.orElseThrow(), steps, trackOpens, trackClicks, stopOnAutoReply, definition, now, now, null, 0));
    }

    private static Optional<Audience> audience(JsonInput audience) {
        if (!audience.object(Set.of("contactIds", "tags", "fields"))) {
            return Optional.empty();
        }
        if (audience.has("contactIds")) {
            if (audience.has("tags") || audience.has("fields")) {
                audience.error("give contactIds, or a segment (tags and fields), not both");
                return Optional.empty();
            }
            Optional<List<JsonInput>> ids = audience.array("contactIds", true, 1, MAX_NAMED_CONTACTS);
            List<String> contactIds = new ArrayList<>();
            ids.ifPresent(entries -> entries.forEach(entry -> {
                if (entry.node().isTextual() && CONTACT_ID.matcher(entry.node().asText()).matches()) {
                    contactIds.add(entry.node().asText());
                } else {
                    entry.error("must be a contact id (ct_ and 24 hex digits) from POST /v1/contacts");
                }
            }));
            return Optional.of(new Audience(contactIds.stream().distinct().toList(), null));
        }
        List<String> tags = audience.texts("tags", 20, TAG, "a tag of 1 to 64 letters, digits, '.', '_', ':' or '-'").orElse(List.of());
        Map<String, String> fields = new LinkedHashMap<>();
        audience.child("fields", false).ifPresent(f -> f.node().fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                fields.put(e.getKey(), e.getValue().asText());
            } else {
                f.error(e.getKey(), "must be the string value the contact's field must equal");
            }
        }));
        if (tags.isEmpty() && fields.isEmpty() && !audience.has("tags")) {
            audience.error("name the contacts (contactIds) or a segment (tags and/or fields); {\"tags\": []} means every contact");
            return Optional.empty();
        }
        return Optional.of(new Audience(null, new ContactFilter(Set.copyOf(tags), fields, false)));
    }

    private static Optional<SendingPlan> sending(JsonInput sending) {
        if (!sending.object(Set.of("ipPool", "mailboxes", "from"))) {
            return Optional.empty();
        }
        Optional<String> pool = sending.text("ipPool", false, null, "an IP pool's id (pool_...)");
        if (pool.isPresent() && !Ids.looksLike("pool", pool.get())) {
            sending.error("ipPool", "must be an IP pool's id (pool_...)");
        }
        Optional<List<String>> mailboxes = sending.texts("mailboxes", 100, Pattern.compile("mbx_[A-Za-z0-9]{1,64}"), "a mailbox's id (mbx_...)");
        Optional<String> from = sending.text("from", false, null, "the From address on the pool's verified domain");
        if (from.isPresent() && !EmailAddresses.isValid(from.get())) {
            sending.error("from", "must be an email address on one of the workspace's verified domains");
        }
        boolean hasPool = sending.has("ipPool");
        boolean hasMailboxes = sending.has("mailboxes");
        if (hasPool == hasMailboxes) {
            sending.error("give exactly one of ipPool (with from) or mailboxes");
            return Optional.empty();
        }
        if (hasPool && !sending.has("from")) {
            sending.error("from", "is required with ipPool: the address the campaign mails from");
        }
        if (hasMailboxes && mailboxes.map(List::isEmpty).orElse(false)) {
            sending.error("mailboxes", "must name at least one mailbox");
        }
        if (hasMailboxes && sending.has("from")) {
            sending.error("from", "comes from each mailbox when sending through mailboxes; leave it out");
        }
        if (!sending.ok()) {
            return Optional.empty();
        }
        return Optional.of(new SendingPlan(pool.orElse(null), mailboxes.orElse(List.of()).stream().distinct().toList(), from.orElse(null)));
    }

    private static Optional<Schedule> schedule(JsonInput schedule) {
        if (!schedule.object(Set.of("days", "start", "end", "timeZone", "contactTimeZone"))) {
            return Optional.empty();
        }
        Optional<List<String>> days = schedule.texts("days", 7, DAY, "a day of the week: mon, tue, wed, thu, fri, sat or sun");
        if (days.isPresent() && days.get().isEmpty()) {
            schedule.error("days", "must name at least one day");
        }
        Optional<String> start = schedule.text("start", false, Pattern.compile("\\d\\d:\\d\\d"), "a local time such as 09:00");
        Optional<String> end = schedule.text("end", false, Pattern.compile("\\d\\d:\\d\\d"), "a local time such as 17:00, or 24:00");
        Optional<ZoneId> zone = schedule.text("timeZone", false, null, "an IANA time zone such as Europe/Berlin").flatMap(z -> {
            try {
                return Optional.of(ZoneId.of(z));
            } catch (DateTimeException e) {
                schedule.error("timeZone", "must be an IANA time zone such as Europe/Berlin");
                return Optional.empty();
            }
        });
        boolean contactZone = schedule.bool("contactTimeZone").orElse(false);
        if (!schedule.ok()) {
            return Optional.empty();
        }
        try {
            SendingWindow window = SendingWindow.parse(zone.orElse(ZoneId.of("UTC")), start.orElse(null), end.orElse(null), days.orElse(null));
            return Optional.of(new Schedule(window.days(), window.startMinute(), window.endMinute(), window.zone(), contactZone));
        } catch (IllegalArgumentException e) {
            schedule.error(e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Step> step(JsonInput step, int number, boolean checkTemplates) {
        if (!step.object(Set.of("type", "delayDays", "businessDays", "condition", "variants", "channel", "task"))) {
            return Optional.empty();
        }
        String type = step.text("type", false, Pattern.compile("email|task"), "email or task").orElse("email");
        int delayDays = step.integer("delayDays", false, 0, StepDelay.MAX_DAYS).orElse(number == 1 ? 0 : 1);
        boolean businessDays = step.bool("businessDays").orElse(false);
        Optional<String> conditionText = step.text("condition", false, null, "always, not-opened, opened, clicked or not-clicked");
        StepCondition condition = conditionText.flatMap(StepCondition::fromWire).orElse(StepCondition.ALWAYS);
        if (conditionText.isPresent() && StepCondition.fromWire(conditionText.get()).isEmpty()) {
            step.error("condition", "must be always, not-opened, opened, clicked or not-clicked");
        }
        if (number == 1 && condition != StepCondition.ALWAYS) {
            step.error("condition", "the first step has no earlier email to judge; leave condition out");
        }
        if ("task".equals(type)) {
            Optional<String> channel = step.text("channel", true, CHANNEL, "the task's channel: linkedin, call, sms or another lower-case name");
            Optional<String> task = step.text("task", true, NAME, "what the person should do, 1 to 200 characters");
            if (step.has("variants")) {
                step.error("variants", "a task step sends no email; leave variants out");
            }
            if (channel.isEmpty() || task.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Step(number, StepKind.TASK, new StepDelay(delayDays, businessDays), condition, List.of(), channel.get(), task.get()));
        }
        if (step.has("channel") || step.has("task")) {
            step.error("an email step has no channel or task");
        }
        List<Variant> variants = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        step.array("variants", true, 1, MAX_VARIANTS).ifPresent(entries -> {
            for (int i = 0; i < entries.size(); i++) {
                variant(entries.get(i), i, number, checkTemplates).ifPresent(variant -> {
                    if (!ids.add(variant.id())) {
                        step.error("variants", "variant id '" + variant.id() + "' is used twice");
                    }
                    variants.add(variant);
                });
            }
        });
        if (!variants.isEmpty() && variants.stream().mapToInt(Variant::weight).sum() == 0) {
            step.error("variants", "at least one variant needs a weight above 0");
        }
        if (!step.ok()) {
            return Optional.empty();
        }
        return Optional.of(new Step(number, StepKind.EMAIL, new StepDelay(delayDays, businessDays), condition, variants, null, null));
    }

    private static Optional<Variant> variant(JsonInput variant, int index, int stepNumber, boolean checkTemplates) {
        if (!variant.object(Set.of("id", "subject", "html", "text", "weight"))) {
            return Optional.empty();
        }
        String id = variant.text("id", false, VARIANT_ID, "1 to 32 letters, digits, '_' or '-'").orElse(String.valueOf((char) ('a' + index)));
        Optional<String> subject = variant.text("subject", stepNumber == 1, SUBJECT, stepNumber == 1
                ? "the first email's subject (1 to 998 characters, one line)" : "1 to 998 characters on one line; leave it out to reply in the first email's thread");
        Optional<String> html = variant.text("html", false, null, "the HTML body");
        Optional<String> text = variant.text("text", false, null, "the plain-text body");
        if (html.isEmpty() && text.isEmpty() && !variant.has("html") && !variant.has("text")) {
            variant.error("give html, text or both: the email's body");
        }
        if (html.map(String::length).orElse(0) > MAX_BODY_CHARS || text.map(String::length).orElse(0) > MAX_BODY_CHARS) {
            variant.error("a body holds at most " + MAX_BODY_CHARS + " characters");
        }
        if (checkTemplates) {
            Map<String, Optional<String>> templates = new LinkedHashMap<>();
            templates.put("subject", subject);
            templates.put("html", html);
            templates.put("text", text);
            templates.forEach((field, template) -> template.ifPresent(t -> {
                try {
                    Templates.compile(field, t);
                } catch (ApiProblem problem) {
                    variant.error(field, problem.detail());
                }
            }));
        }
        int weight = variant.integer("weight", false, 0, 100).orElse(1);
        return Optional.of(new Variant(id, subject.orElse(null), html.orElse(null), text.orElse(null), weight));
    }
}

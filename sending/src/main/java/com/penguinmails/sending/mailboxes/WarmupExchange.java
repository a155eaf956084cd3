package com.penguinmails.sending.mailboxes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The decisions of the warmup exchange, pure so they can be tested without servers: which enrolled mailboxes start a
 * warmup conversation in this run and with which peer, when each may start the next one, and what the receiving
 * side does with a warmup email it finds.
 *
 * <p>Sending side, per mailbox and run, at most one new warmup email, and only if: it has warmup cap left today
 * (0 while paused), its working hours are open, its spreading time ({@link Pacing#nextWarmupAt()}) has come, its
 * send gate is open ({@link MailboxPacer}), and the workspace has another enrolled mailbox. After a send the next
 * one is spread over what is left of the working day: {@code timeLeft / warmupLeft}, times a random 0.5 to 1.0 so
 * the day's cap is reached before the window closes, never sooner than the minimum gap.
 *
 * <p>Receiving side: only mail with {@value #HEADER} from an enrolled mailbox of the same workspace is touched (an
 * outsider cannot make our mailboxes answer by adding the header). It is moved out of spam, marked read and
 * important, and an original (not a reply) is answered when {@link #shouldReply} says so: a hash of its
 * Message-ID against the reply rate, so the choice is the same on every run and in every test.
 */
public final class WarmupExchange {

    /** Marks warmup mail, so analytics and the receiving side can tell it from real mail. */
    public static final String HEADER = "X-PM-Warmup";
    /** Marks a warmup reply, which is never answered again (conversations stay two messages long). */
    public static final String REPLY_HEADER = "X-PM-Warmup-Reply";
    /** Marks a placement test's copy with the test's id; it is received like warmup mail but never answered. */
    public static final String PLACEMENT_TEST_HEADER = "X-PM-Placement-Test";

    private WarmupExchange() {
    }

    /** One enrolled mailbox as the run sees it. */
    public record Candidate(Mailbox mailbox, long capToday, long usedToday) {}

    /** A warmup email to send now, and the pacing {@code from} must store first (conditionally) to claim the slot. */
    public record PlannedSend(Mailbox from, Mailbox to, Pacing nextPacing) {}

    /** Why a mailbox sends nothing in this run; empty when it may send. */
    public static Optional<String> holdReason(Candidate candidate, Instant now) {
        Mailbox mailbox = candidate.mailbox();
        if (!mailbox.enrolled()) {
            return Optional.of("not enrolled in the warmup exchange");
        }
        if (candidate.capToday() <= 0) {
            return Optional.of(mailbox.warmup().isPaused() ? "paused" : "no warmup cap today");
        }
        if (candidate.usedToday() >= candidate.capToday()) {
            return Optional.of("today's warmup cap of " + candidate.capToday() + " is used");
        }
        if (!mailbox.window().contains(now)) {
            return Optional.of("outside working hours");
        }
        Instant nextWarmupAt = mailbox.pacing().nextWarmupAt();
        if (nextWarmupAt != null && now.isBefore(nextWarmupAt)) {
            return Optional.of("spreading: next warmup email at " + nextWarmupAt);
        }
        Instant gate = mailbox.pacing().nextSendNotBefore();
        if (gate != null && now.isBefore(gate)) {
            return Optional.of("sent a moment ago; the next send may leave at " + gate);
        }
        return Optional.empty();
    }

    /** The warmup emails of one run for one workspace's enrolled mailboxes. */
    public static List<PlannedSend> plan(Instant now, List<Candidate> candidates, RandomGenerator random) {
        List<Candidate> enrolled = candidates.stream().filter(c -> c.mailbox().enrolled())
                .sorted(Comparator.comparing(c -> c.mailbox().id())).toList();
        List<PlannedSend> planned = new ArrayList<>();
        for (Candidate candidate : enrolled) {
            if (holdReason(candidate, now).isPresent()) {
                continue;
            }
            Mailbox from = candidate.mailbox();
            List<Mailbox> peers = enrolled.stream().map(Candidate::mailbox)
                    .filter(m -> !m.id().equals(from.id()) && !m.email().equalsIgnoreCase(from.email())).toList();
            if (peers.isEmpty()) {
                continue;
            }
            LocalDate day = from.window().localDate(now);
            Mailbox to = peers.get(peerIndex(from.id(), day, candidate.usedToday(), peers.size()));
            Pacing gateClosed = MailboxPacer.admitWarmup(from.pacing(), now, random).orElseThrow();
            long leftAfterThis = candidate.capToday() - candidate.usedToday() - 1;
            planned.add(new PlannedSend(from, to, gateClosed.withNextWarmupAt(nextWarmupAt(now, from.window(), leftAfterThis, random))));
        }
        return planned;
    }

    /**
     * When the mailbox may start its next warmup conversation: spread over the rest of today's window, or the next
     * working day's opening once today's cap is used up.
     */
    public static Instant nextWarmupAt(Instant now, SendingWindow window, long leftToday, RandomGenerator random) {
        LocalDate day = window.localDate(now);
        if (leftToday <= 0) {
            return window.firstOpeningAfter(day);
        }
        Duration timeLeft = Duration.between(now, window.closingOn(day));
        if (timeLeft.isNegative() || timeLeft.isZero()) {
            return window.nextOpening(now);
        }
        double factor = 0.5 + 0.5 * random.nextDouble();
        long spacing = (long) (timeLeft.toSeconds() / (double) leftToday * factor);
        return now.plusSeconds(Math.max(MailboxPacer.MIN_GAP.toSeconds(), spacing));
    }

    /** Rotates through the peers from day to day and send to send, the same way on every run. */
    static int peerIndex(String fromId, LocalDate day, long sequence, int peers) {
        return (int) Math.floorMod(hash(fromId + "|" + day + "|" + sequence), (long) peers);
    }

    /** What the receiving side does with a message it found. */
    public enum InboxAction {
        /** Not warmup mail, or not from one of this workspace's enrolled mailboxes: left alone. */
        IGNORE,
        /** Warmup mail: rescued from spam, marked read and important. */
        MARK,
        /** Warmup mail to mark and to answer. */
        MARK_AND_REPLY
    }

    /**
     * @param warmupHeader  the value of {@value #HEADER}, or null when absent
     * @param isReply       whether it carries {@value #REPLY_HEADER}
     * @param fromAddress   the sender's address
     * @param peerAddresses the workspace's enrolled mailboxes (any case)
     */
    public static InboxAction onReceived(String warmupHeader, boolean isReply, String fromAddress, Set<String> peerAddresses,
                                         String messageId, double replyRate, boolean mayReply) {
        if (warmupHeader == null || fromAddress == null) {
            return InboxAction.IGNORE;
        }
        String from = fromAddress.strip().toLowerCase(Locale.ROOT);
        boolean fromPeer = peerAddresses.stream().anyMatch(p -> p.equalsIgnoreCase(from));
        if (!fromPeer) {
            return InboxAction.IGNORE;
        }
        if (isReply || !mayReply || messageId == null || !shouldReply(messageId, replyRate)) {
            return InboxAction.MARK;
        }
        return InboxAction.MARK_AND_REPLY;
    }

    /** A fixed coin per message: its Message-ID hashed to [0, 1) and compared with the rate. */
    public static boolean shouldReply(String messageId, double replyRate) {
        if (replyRate <= 0) {
            return false;
        }
        if (replyRate >= 1) {
            return true;
        }
        double coin = (hash(messageId) >>> 11) * 0x1.0p-53;
        return coin < replyRate;
    }

    private static long hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

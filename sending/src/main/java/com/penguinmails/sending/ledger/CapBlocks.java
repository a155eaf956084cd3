package com.penguinmails.sending.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily cap units one batch of sends holds, so that a batch costs about one reservation write per resource
 * instead of one per email (and the resource's ledger row for the day is not written once per email: no hot item).
 * <p>
 * A ticket takes a unit from the batch's block for its resource and day; only when that block is used up (or there
 * is none yet) is a new block reserved from the ledger ({@link SendLedger#reserveUpTo}, one conditional write), as big
 * as the batch still needs: the tickets not yet done, never more. A unit taken for a send that then did not happen (a
 * transport failure) goes back to the block ({@link #putBack}, no write) for the next ticket. {@link #close} gives
 * back what is left in every block, one write per resource and day.
 * <p>
 * Caps hold however the batch ends, because every unit a block holds was counted in the ledger under the cap before
 * anyone could use it. A batch that never closes (the function dies mid-batch, or a give-back write fails) leaves the
 * units it held counted: the day sends fewer, never more, and by at most the batch's size per resource it reserved on.
 * So does the gap between a block being reserved and given back: near the cap, a concurrent batch may find the cap
 * used up by units another batch is holding and will give back (fewer sends that day, by at most the units the other
 * batches in flight hold).
 * <p>
 * Thread-safe: tickets of one batch may take units concurrently; one reservation per resource and day runs at a
 * time, so two tickets needing a new block do not reserve two.
 */
public final class CapBlocks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CapBlocks.class);

    private record Key(String resourceId, LocalDate day) {}

    /** One resource's day: units reserved in the ledger and not yet taken. Guarded by its own monitor. */
    private static final class Block {
        long free;
        /** A reservation found nothing left under the cap: no more writes for it in this batch. */
        boolean capReached;
    }

    private final SendLedger ledger;
    private final AtomicInteger ticketsLeft;
    private final Map<Key, Block> blocks = new ConcurrentHashMap<>();
    private final Map<String, Object> newBlockLocks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** For a batch of {@code tickets} sends (each calls {@link #ticketDone} when it is done). */
    public CapBlocks(SendLedger ledger, int tickets) {
        if (tickets < 1) {
            throw new IllegalArgumentException("a batch has at least one ticket, not " + tickets);
        }
        this.ledger = ledger;
        this.ticketsLeft = new AtomicInteger(tickets);
    }

    /** A unit from a block this batch already holds for the resource and day (no write); false when it holds none. */
    public boolean takeHeld(String resourceId, LocalDate day) {
        requireOpen();
        Block block = blocks.get(new Key(resourceId, day));
        if (block == null) {
            return false;
        }
        synchronized (block) {
            if (block.free > 0) {
                block.free--;
                return true;
            }
            return false;
        }
    }

    /**
     * A unit of {@code cap} for the resource and day: from the block held, or else from a new block reserved for
     * what the batch still needs; false when the cap has nothing left.
     */
    public boolean take(String resourceId, LocalDate day, long cap) {
        requireOpen();
        Block block = blocks.computeIfAbsent(new Key(resourceId, day), k -> new Block());
        synchronized (block) {
            if (block.free == 0 && !block.capReached && cap > 0) {
                long granted = ledger.reserveUpTo(resourceId, day, cap, Math.max(1, ticketsLeft.get()));
                block.free += granted;
                block.capReached = granted == 0;
            }
            if (block.free > 0) {
                block.free--;
                return true;
            }
            return false;
        }
    }

    /** A unit taken for a send that did not happen: back to the block, for the next ticket (no write). */
    public void putBack(String resourceId, LocalDate day) {
        if (closed) {
            // The blocks were given back already (a send outliving its batch): give this unit back on its own.
            ledger.unreserve(resourceId, day);
            return;
        }
        Block block = blocks.computeIfAbsent(new Key(resourceId, day), k -> new Block());
        synchronized (block) {
            block.free++;
        }
    }

    /** A resource a unit may come from, and its cap for the day. */
    public record Capped(String resourceId, long cap) {}

    /**
     * A unit from the first of {@code resources} (in the caller's order) whose block this batch holds; else from a new
     * block for the first that has room under its cap. The new-block step runs for one ticket of a {@code group} (a
     * pool) at a time, and looks at the held blocks again first: tickets of a batch that start at once would each
     * reserve a block of their own first choice (ten writes and ten give-backs instead of one each), since they draw
     * their order at random. Empty: none has room.
     */
    public Optional<String> takeFromFirst(String group, List<Capped> resources, LocalDate day) {
        for (Capped resource : resources) {
            if (takeHeld(resource.resourceId(), day)) {
                return Optional.of(resource.resourceId());
            }
        }
        synchronized (newBlockLocks.computeIfAbsent(group, g -> new Object())) {
            for (Capped resource : resources) {
                if (takeHeld(resource.resourceId(), day)) {
                    return Optional.of(resource.resourceId());
                }
            }
            for (Capped resource : resources) {
                if (take(resource.resourceId(), day, resource.cap())) {
                    return Optional.of(resource.resourceId());
                }
            }
        }
        return Optional.empty();
    }

    /** One ticket of the batch is done (whether or not it took a unit): the next block may be smaller. */
    public void ticketDone() {
        ticketsLeft.updateAndGet(left -> Math.max(0, left - 1));
    }

    /** Units reserved in the ledger that this batch holds and has not taken (what {@link #close} gives back). */
    public long held() {
        long held = 0;
        for (Block block : blocks.values()) {
            synchronized (block) {
                held += block.free;
            }
        }
        return held;
    }

    /**
     * Gives back what is left in every block, one write per resource and day. A give-back that fails is logged and
     * its units stay counted (fewer sends that day, never more); the others are still given back.
     */
    @Override
    public void close() {
        closed = true;
        blocks.forEach((key, block) -> {
            synchronized (block) {
                if (block.free == 0) {
                    return;
                }
                try {
                    ledger.giveBack(key.resourceId(), key.day(), block.free);
                    block.free = 0;
                } catch (RuntimeException e) {
                    LOG.warn("could not give back {} cap units of {} on {}; they stay counted for the day", block.free,
                            key.resourceId(), key.day(), e);
                }
            }
        });
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the batch's cap blocks were given back already");
        }
    }
}

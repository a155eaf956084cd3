package com.penguinmails.sending.warmup;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A dedicated-IP warmup schedule: an explicit list of daily caps, one per step. Every way of building one goes
 * through the same validation, and its messages name the problem in the user's terms ("day 3") so the API can
 * return them as a 400 as they are.
 */
public record IpWarmupPlan(String name, List<Long> dailyCaps) implements WarmupPlan {

    /** More steps than this is a typing error, not a schedule (the longest well-known schedule has 29). */
    public static final int MAX_STEPS = 200;

    public static final String STANDARD = "standard";
    public static final String CONSERVATIVE = "conservative";
    public static final String CUSTOM = "custom";

    public IpWarmupPlan {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a warmup schedule needs a name");
        }
        dailyCaps = validated(dailyCaps);
    }

    /**
     * The common manual schedule for one new IP: 50 a day up to 4 million in 17 daily steps. Early steps multiply
     * the volume by 2 to 10, so it suits senders with clean, engaged lists.
     */
    public static IpWarmupPlan standard() {
        return new IpWarmupPlan(STANDARD, List.of(50L, 100L, 500L, 1_000L, 5_000L, 10_000L, 20_000L, 40_000L,
                70_000L, 100_000L, 150_000L, 250_000L, 400_000L, 600_000L, 1_000_000L, 2_000_000L, 4_000_000L));
    }

    /**
     * The automated-warmup pace: x1.4 a day from 50 to 4 million, 35 steps (the providers' "x1.4 to x2 over 30 to
     * 45 days"). For senders whose lists are older or less engaged. There is no faster built-in: {@link #standard()}
     * already grows by x2 or more on most days, the top of the range providers recommend.
     */
    public static IpWarmupPlan conservative() {
        return geometric(CONSERVATIVE, 50, 1.4, 4_000_000);
    }

    /** A user's own list of daily caps: 1 to 200 positive caps that never decrease. */
    public static IpWarmupPlan custom(List<Long> dailyCaps) {
        return new IpWarmupPlan(CUSTOM, dailyCaps);
    }

    /** A built-in schedule by name, as the API receives it; case and surrounding spaces do not matter. */
    public static IpWarmupPlan named(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case STANDARD -> standard();
            case CONSERVATIVE -> conservative();
            default -> throw new IllegalArgumentException("unknown warmup schedule '" + name + "'; expected one of "
                    + STANDARD + ", " + CONSERVATIVE + ", or a custom list of daily caps");
        };
    }

    /**
     * Caps that grow by {@code factor} each day from {@code firstCap} until {@code finalCap}, rounded to two
     * significant figures so the schedule reads like one a person wrote (1,000 rather than 1,033); the last step is
     * exactly {@code finalCap}.
     */
    public static IpWarmupPlan geometric(String name, long firstCap, double factor, long finalCap) {
        if (firstCap < 1) {
            throw new IllegalArgumentException("the first daily cap must be at least 1; got " + firstCap);
        }
        if (finalCap < firstCap) {
            throw new IllegalArgumentException("the final daily cap (" + finalCap + ") must not be below the first (" + firstCap + ")");
        }
        if (!(factor > 1.0)) {
            throw new IllegalArgumentException("the daily growth factor must be above 1; got " + factor);
        }
        List<Long> caps = new ArrayList<>();
        double exact = firstCap;
        // Stops one past MAX_STEPS at the latest, so validation reports a ramp too slow to reach finalCap.
        while (caps.size() <= MAX_STEPS) {
            long rounded = BigDecimal.valueOf(exact).round(new MathContext(2, RoundingMode.HALF_UP)).longValue();
            if (rounded >= finalCap) {
                caps.add(finalCap);
                break;
            }
            caps.add(Math.max(rounded, firstCap));
            exact *= factor;
        }
        return new IpWarmupPlan(name, caps);
    }

    @Override
    public int stepCount() {
        return dailyCaps.size();
    }

    @Override
    public long capAt(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative; got " + step);
        }
        return dailyCaps.get(Math.min(step, lastStep()));
    }

    private static List<Long> validated(List<Long> caps) {
        if (caps == null || caps.isEmpty()) {
            throw new IllegalArgumentException("a warmup schedule needs at least 1 daily cap; got none");
        }
        if (caps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("a warmup schedule has at most " + MAX_STEPS + " daily caps; got " + caps.size());
        }
        for (int i = 0; i < caps.size(); i++) {
            Long cap = caps.get(i);
            int day = i + 1;
            if (cap == null) {
                throw new IllegalArgumentException("day " + day + " of the warmup schedule has no cap");
            }
            if (cap < 1) {
                throw new IllegalArgumentException("day " + day + " of the warmup schedule has cap " + cap
                        + "; every daily cap must be at least 1");
            }
            if (i > 0 && cap < caps.get(i - 1)) {
                throw new IllegalArgumentException("day " + day + " of the warmup schedule has cap " + cap
                        + ", below day " + i + "'s " + caps.get(i - 1) + "; caps must never decrease");
            }
        }
        return List.copyOf(caps);
    }
}

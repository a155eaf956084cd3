package com.penguinmails.analytics.funnel;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One contact in one campaign's funnel: its progress on each channel, and the version the store holds it at (0: not
 * stored yet), which makes every write conditional on nobody having written it since it was read.
 */
public record FunnelContact(String workspaceId, String campaignId, String contact, Map<String, ChannelProgress> channels, long version) {

    public FunnelContact {
        channels = java.util.Collections.unmodifiableMap(new TreeMap<>(channels));
    }

    public static FunnelContact empty(FunnelKey key) {
        return new FunnelContact(key.workspaceId(), key.campaignId(), key.contact(), Map.of(), 0);
    }

    public FunnelKey key() {
        return new FunnelKey(workspaceId, campaignId, contact);
    }

    /** The furthest stage on any channel; empty for a contact nothing moved yet. */
    public Optional<FunnelStage> stage() {
        return channels.values().stream().map(ChannelProgress::stage).max(Enum::compareTo);
    }

    /** When the contact first reached {@code stage} on any channel (directly or by a later stage). */
    public Optional<Instant> firstAt(FunnelStage stage) {
        return channels.values().stream().map(p -> p.firstAt().get(stage)).filter(java.util.Objects::nonNull).min(Instant::compareTo);
    }

    /** The contact after one more step, at the same version (the store bumps it when it writes). */
    public FunnelContact with(FunnelStep step) {
        Map<String, ChannelProgress> updated = new TreeMap<>(channels);
        updated.merge(step.channel(), ChannelProgress.of(step.stage(), step.at()), (old, fresh) -> old.with(step.stage(), step.at()));
        return new FunnelContact(workspaceId, campaignId, contact, updated, version);
    }

    /** Whether it says the same as {@code other}, whatever the versions. */
    public boolean sameProgress(FunnelContact other) {
        return channels.equals(other.channels);
    }

    public FunnelContact atVersion(long newVersion) {
        return new FunnelContact(workspaceId, campaignId, contact, channels, newVersion);
    }
}

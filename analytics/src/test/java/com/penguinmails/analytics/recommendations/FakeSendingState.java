package com.penguinmails.analytics.recommendations;

import java.util.ArrayList;
import java.util.List;

final class FakeSendingState implements SendingState {

    final List<DomainAuthentication> domains = new ArrayList<>();
    final List<CapUsage> usage = new ArrayList<>();

    @Override
    public List<DomainAuthentication> domains(String workspaceId) {
        return List.copyOf(domains);
    }

    @Override
    public List<CapUsage> capUsage(String workspaceId, java.time.Instant now, int days) {
        return List.copyOf(usage);
    }
}

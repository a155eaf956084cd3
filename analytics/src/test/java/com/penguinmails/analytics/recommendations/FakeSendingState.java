package com.penguinmails.analytics.recommendations;

import java.time.LocalDate;
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
    public List<CapUsage> capUsage(String workspaceId, LocalDate today, int days) {
        return List.copyOf(usage);
    }
}

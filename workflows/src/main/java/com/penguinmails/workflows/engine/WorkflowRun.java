package com.penguinmails.workflows.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of one version of a workflow, as the state machine keeps it. {@code pending} holds the paths of the steps
 * still to do, in order (a branch puts its arm's steps in front); {@code current} the action step being done;
 * {@code context} what templates and conditions read ({@code event}, {@code run}); {@code revision} what every write
 * of the run is conditional on, so two workers never both move it on.
 */
public record WorkflowRun(String workspaceId, String runId, String workflowId, int version, String trigger, RunStatus status,
                          ObjectNode context, List<String> pending, Claim current, Waiting waiting, List<HistoryEntry> history,
                          Instant startedAt, Instant updatedAt, String error, long revision) {

    public WorkflowRun {
        pending = List.copyOf(pending);
        history = List.copyOf(history);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.workspaceId = workspaceId;
        b.runId = runId;
        b.workflowId = workflowId;
        b.version = version;
        b.trigger = trigger;
        b.status = status;
        b.context = context;
        b.pending = new ArrayList<>(pending);
        b.current = current;
        b.waiting = waiting;
        b.history = new ArrayList<>(history);
        b.startedAt = startedAt;
        b.updatedAt = updatedAt;
        b.error = error;
        b.revision = revision;
        return b;
    }

    public static final class Builder {
        private String workspaceId;
        private String runId;
        private String workflowId;
        private int version;
        private String trigger;
        private RunStatus status = RunStatus.RUNNING;
        private ObjectNode context;
        private List<String> pending = new ArrayList<>();
        private Claim current;
        private Waiting waiting;
        private List<HistoryEntry> history = new ArrayList<>();
        private Instant startedAt;
        private Instant updatedAt;
        private String error;
        private long revision;

        public Builder workspaceId(String v) { workspaceId = v; return this; }
        public Builder runId(String v) { runId = v; return this; }
        public Builder workflowId(String v) { workflowId = v; return this; }
        public Builder version(int v) { version = v; return this; }
        public Builder trigger(String v) { trigger = v; return this; }
        public Builder status(RunStatus v) { status = v; return this; }
        public Builder context(ObjectNode v) { context = v; return this; }
        public Builder pending(List<String> v) { pending = new ArrayList<>(v); return this; }
        public Builder current(Claim v) { current = v; return this; }
        public Builder waiting(Waiting v) { waiting = v; return this; }
        public Builder history(List<HistoryEntry> v) { history = new ArrayList<>(v); return this; }
        public Builder record(HistoryEntry entry) { history.add(entry); return this; }
        public Builder startedAt(Instant v) { startedAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder error(String v) { error = v; return this; }
        public Builder revision(long v) { revision = v; return this; }

        /** The first pending path, taken off the list. */
        public String takeNext() {
            return pending.remove(0);
        }

        public Builder prepend(List<String> paths) {
            pending.addAll(0, paths);
            return this;
        }

        public WorkflowRun build() {
            return new WorkflowRun(workspaceId, runId, workflowId, version, trigger, status, context, pending, current, waiting, history,
                    startedAt, updatedAt, error, revision);
        }
    }
}

package com.penguinmails.campaigns.sequences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpThreadTest {

    @Test
    void theSecondStepRepliesToTheFirst() {
        FollowUpThread thread = new FollowUpThread(List.of("<a1@mail.acme.test>"), "Quick question about Q4");
        assertThat(thread.inReplyTo()).isEqualTo("<a1@mail.acme.test>");
        assertThat(thread.references()).isEqualTo("<a1@mail.acme.test>");
        assertThat(thread.replySubject()).isEqualTo("Re: Quick question about Q4");
    }

    @Test
    void laterStepsReplyToTheLatestAndReferenceTheChain() {
        FollowUpThread thread = new FollowUpThread(List.of("<a1@x.test>", "<a2@x.test>", "<a3@x.test>"), "Hello");
        assertThat(thread.inReplyTo()).isEqualTo("<a3@x.test>");
        assertThat(thread.references()).isEqualTo("<a1@x.test> <a2@x.test> <a3@x.test>");
    }

    @Test
    void aLongChainKeepsTheFirstAndTheLatestReferences() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            ids.add("<m" + i + "@x.test>");
        }
        String references = new FollowUpThread(ids, "Hello").references();
        assertThat(references.split(" ")).hasSize(FollowUpThread.MAX_REFERENCES).startsWith("<m1@x.test>", "<m12@x.test>").endsWith("<m30@x.test>");
    }

    @Test
    void aSubjectThatAlreadyReadsAsAReplyGetsOnePrefix() {
        assertThat(new FollowUpThread(List.of("<a@x.test>"), "Re: RE: pricing").replySubject()).isEqualTo("Re: pricing");
        assertThat(new FollowUpThread(List.of("<a@x.test>"), "AW: Angebot").replySubject()).isEqualTo("Re: Angebot");
        assertThat(new FollowUpThread(List.of("<a@x.test>"), "Re[2]: pricing").replySubject()).isEqualTo("Re: pricing");
        assertThat(new FollowUpThread(List.of("<a@x.test>"), "Regarding pricing").replySubject()).as("a word, not a prefix")
                .isEqualTo("Re: Regarding pricing");
    }

    @Test
    void aReplysSubjectIsRecognisedWhateverItsPrefix() {
        FollowUpThread thread = new FollowUpThread(List.of("<a@x.test>"), "Quick question");
        assertThat(thread.isReplySubject("RE: quick question")).isTrue();
        assertThat(thread.isReplySubject("SV: Quick question ")).isTrue();
        assertThat(thread.isReplySubject("Quick questions")).isFalse();
        assertThat(thread.isReplySubject(null)).isFalse();
    }

    @Test
    void itNeedsWellFormedMessageIds() {
        assertThatThrownBy(() -> new FollowUpThread(List.of(), "Hi")).hasMessageContaining("at least the first step");
        assertThatThrownBy(() -> new FollowUpThread(List.of("a1@x.test"), "Hi")).hasMessageContaining("<local@domain>");
        assertThatThrownBy(() -> new FollowUpThread(List.of("<a@x.test>"), null)).hasMessageContaining("subject");
    }
}

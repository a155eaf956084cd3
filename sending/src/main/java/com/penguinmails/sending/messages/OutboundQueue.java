package com.penguinmails.sending.messages;

import java.util.List;

/** Hands accepted messages to the sender (SQS in AWS and locally). */
public interface OutboundQueue {

    record Ticket(String workspaceId, String messageId) {}

    void enqueue(List<Ticket> tickets);
}

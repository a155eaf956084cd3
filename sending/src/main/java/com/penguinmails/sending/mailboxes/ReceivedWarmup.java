package com.penguinmails.sending.mailboxes;

/**
 * A message the receiving side found in a mailbox (INBOX, or a spam folder it was rescued from).
 *
 * @param warmupHeader the {@value WarmupExchange#HEADER} value, null when absent
 * @param isReply      whether it carries {@value WarmupExchange#REPLY_HEADER}
 */
public record ReceivedWarmup(String messageId, String fromAddress, String subject, String warmupHeader, boolean isReply) {
}

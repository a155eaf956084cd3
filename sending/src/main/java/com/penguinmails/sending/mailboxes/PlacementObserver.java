package com.penguinmails.sending.mailboxes;

/**
 * Told of every warmup message a seed mailbox found, with the folder it was in, so inbox placement can be published
 * (see {@code sending.placement.PlacementObservations}). Called after the message was marked read, so it is told of a
 * message once; a failure is logged by the run and loses that one observation, never the pass.
 */
public interface PlacementObserver {

    /**
     * @param seed     the mailbox that received and looked
     * @param sender   the workspace's mailbox that sent it
     * @param received the message and the folder it was found in
     */
    void observed(Mailbox seed, Mailbox sender, ReceivedWarmup received);

    PlacementObserver NONE = (seed, sender, received) -> { };
}

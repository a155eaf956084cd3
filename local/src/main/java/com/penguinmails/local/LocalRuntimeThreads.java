package com.penguinmails.local;

/**
 * Which part of the local runtime a thread works for, told by its name: a function's invocation (the work Lambda
 * bills as requests and GB-seconds), an SQS event source mapping's poller (whose receives and deletes SQS bills, as
 * Lambda's own polling is billed in AWS), or anything else (the platform's own plumbing, the embedded servers, the
 * caller's threads, the local SES stand-in's). The only threads function code starts are named after the invocation
 * thread that started them ({@code SqsBatch.workers}: the sender's concurrent sends), so this is exact for what a
 * function does; the sending benchmark uses it to meter only the calls AWS would bill to the platform.
 */
public final class LocalRuntimeThreads {

    static final String FUNCTION_PREFIX = "pm-local-invoke-";
    static final String EVENT_SOURCE_PREFIX = "pm-local-sqs-";

    /** What a thread does in the local runtime. */
    public enum Role { FUNCTION, EVENT_SOURCE, OTHER }

    private LocalRuntimeThreads() {
    }

    public static Role of(Thread thread) {
        return ofName(thread.getName());
    }

    /** The role of the thread with this name (as thread dumps give it). */
    public static Role ofName(String name) {
        if (name.startsWith(FUNCTION_PREFIX)) {
            return Role.FUNCTION;
        }
        if (name.startsWith(EVENT_SOURCE_PREFIX)) {
            return Role.EVENT_SOURCE;
        }
        return Role.OTHER;
    }

    public static Role current() {
        return of(Thread.currentThread());
    }
}

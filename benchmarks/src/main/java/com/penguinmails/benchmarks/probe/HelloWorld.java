package com.penguinmails.benchmarks.probe;

/** The baseline for cold start: a JVM that does nothing but start, print and exit. */
public final class HelloWorld {

    private HelloWorld() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}

package com.penguinmails.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Chooses ports for servers that must be told theirs before they bind. */
final class FreePorts {

    /** Every embedded server binds here only, so nothing is exposed beyond this machine. */
    static final String LOOPBACK = "127.0.0.1";

    private FreePorts() {
    }

    /**
     * {@code requested} if it is free on 127.0.0.1, or any free port if it is 0. Checking an explicit port up front
     * matters for dynalite: it would only fail once node has loaded, while another server on the port answers.
     */
    static int resolve(int requested) {
        try (ServerSocket socket = new ServerSocket(requested, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Port " + requested + " on " + LOOPBACK + " is not free", e);
        }
    }
}

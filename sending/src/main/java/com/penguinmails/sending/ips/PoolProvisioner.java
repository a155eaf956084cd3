package com.penguinmails.sending.ips;

import java.util.List;

/**
 * Makes a pool real in the mail system. In AWS: an SES dedicated IP pool holding the pool's IPs and a configuration
 * set of the same name that sends through it and publishes every event type to the ingest topic. Locally there is
 * nothing to create (the SMTP sink stands in for SES), so {@link #NONE} is used.
 */
public interface PoolProvisioner {

    PoolProvisioner NONE = (pool, ips) -> { };

    void provision(IpPool pool, List<DedicatedIp> ips);
}

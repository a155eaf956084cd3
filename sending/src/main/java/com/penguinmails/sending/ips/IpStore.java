package com.penguinmails.sending.ips;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

public interface IpStore {

    void createIp(DedicatedIp ip);

    Optional<DedicatedIp> findIp(String workspaceId, String ipId);

    /** Saves if nobody changed the IP since {@code ip.version()} was read; false otherwise (read again, retry). */
    boolean saveIp(DedicatedIp ip);

    List<DedicatedIp> listIps(String workspaceId);

    void createPool(IpPool pool);

    Optional<IpPool> findPool(String workspaceId, String poolId);

    List<IpPool> listPools(String workspaceId);

    /** Every IP of every workspace, page by page (the daily warmup job). */
    void forEachIp(Consumer<DedicatedIp> action);
}

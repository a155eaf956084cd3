package com.penguinmails.sending.testing;

import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpPool;
import com.penguinmails.sending.ips.IpStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * IPs and pools in memory. As in DynamoDB, a new IP is stored at version 1 and {@link #saveIp} writes only over the
 * version it was read at, storing the next one; ids are unique per workspace.
 */
public final class InMemoryIpStore implements IpStore {

    private final TreeMap<String, DedicatedIp> ips = new TreeMap<>();
    private final TreeMap<String, IpPool> pools = new TreeMap<>();

    @Override
    public synchronized void createIp(DedicatedIp ip) {
        if (ips.putIfAbsent(key(ip.workspaceId(), ip.id()), withVersion(ip, 1)) != null) {
            throw new IllegalStateException("IP " + ip.id() + " exists");
        }
    }

    @Override
    public synchronized Optional<DedicatedIp> findIp(String workspaceId, String ipId) {
        return Optional.ofNullable(ips.get(key(workspaceId, ipId)));
    }

    @Override
    public synchronized boolean saveIp(DedicatedIp ip) {
        String key = key(ip.workspaceId(), ip.id());
        DedicatedIp stored = ips.get(key);
        if (stored == null || stored.version() != ip.version()) {
            return false;
        }
        ips.put(key, withVersion(ip, ip.version() + 1));
        return true;
    }

    @Override
    public synchronized List<DedicatedIp> listIps(String workspaceId) {
        return List.copyOf(ips.subMap(workspaceId + "#", workspaceId + "#\uffff").values());
    }

    @Override
    public synchronized void createPool(IpPool pool) {
        if (pools.putIfAbsent(key(pool.workspaceId(), pool.id()), pool) != null) {
            throw new IllegalStateException("pool " + pool.id() + " exists");
        }
    }

    @Override
    public synchronized Optional<IpPool> findPool(String workspaceId, String poolId) {
        return Optional.ofNullable(pools.get(key(workspaceId, poolId)));
    }

    @Override
    public synchronized List<IpPool> listPools(String workspaceId) {
        return List.copyOf(pools.subMap(workspaceId + "#", workspaceId + "#\uffff").values());
    }

    @Override
    public void forEachIp(Consumer<DedicatedIp> action) {
        List<DedicatedIp> all;
        synchronized (this) {
            all = new ArrayList<>(ips.values());
        }
        // Outside the lock, as a scan page is: the action may save the IP it is given.
        all.forEach(action);
    }

    private static String key(String workspaceId, String id) {
        return workspaceId + "#" + id;
    }

    private static DedicatedIp withVersion(DedicatedIp ip, long version) {
        return new DedicatedIp(ip.id(), ip.workspaceId(), ip.address(), ip.plan(), ip.warmup(), ip.createdAt(), version);
    }

    /** For tests that want to see every pool's members. */
    public synchronized Map<String, IpPool> pools() {
        return Map.copyOf(pools);
    }
}

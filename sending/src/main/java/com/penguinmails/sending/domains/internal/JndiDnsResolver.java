package com.penguinmails.sending.domains.internal;

import com.penguinmails.sending.domains.DnsResolver;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Real DNS through the JDK's own DNS provider (no dependency), using the system's resolvers. Cannot be exercised
 * here (no internet); the zone-file resolver implements the same interface for local runs and tests.
 */
public final class JndiDnsResolver implements DnsResolver {

    @Override
    public List<String> txt(String name) {
        return lookup(name, "TXT").stream().map(JndiDnsResolver::joinTxt).toList();
    }

    @Override
    public List<String> cname(String name) {
        return lookup(name, "CNAME").stream().map(JndiDnsResolver::withoutDot).toList();
    }

    @Override
    public List<String> mx(String name) {
        return lookup(name, "MX").stream().map(JndiDnsResolver::withoutDot).toList();
    }

    private static List<String> lookup(String name, String type) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        List<String> values = new ArrayList<>();
        try {
            DirContext context = new InitialDirContext(env);
            try {
                Attributes attributes = context.getAttributes("dns:/" + name, new String[] {type});
                Attribute attribute = attributes.get(type);
                if (attribute != null) {
                    NamingEnumeration<?> all = attribute.getAll();
                    while (all.hasMore()) {
                        values.add(all.next().toString());
                    }
                }
            } finally {
                context.close();
            }
        } catch (NameNotFoundException e) {
            return List.of();
        } catch (NamingException e) {
            throw new IllegalStateException("DNS lookup of " + type + " " + name + " failed: " + e.getMessage(), e);
        }
        return values;
    }

    // JNDI returns a TXT record's character-strings quoted and space-separated; DNS semantics join them.
    private static String joinTxt(String raw) {
        if (!raw.startsWith("\"")) {
            return raw;
        }
        StringBuilder joined = new StringBuilder();
        for (String part : raw.split("\"\\s*\"")) {
            joined.append(part.replace("\"", ""));
        }
        return joined.toString();
    }

    private static String withoutDot(String value) {
        return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    }
}

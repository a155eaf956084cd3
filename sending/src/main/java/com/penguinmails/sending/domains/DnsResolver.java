package com.penguinmails.sending.domains;

import java.util.List;

/**
 * Looks up public DNS. In AWS a real resolver ({@code JndiDnsResolver}); on the local platform a zone file the
 * user can edit ({@code ZoneFileDnsResolver}), because real DNS for a customer's domain cannot be changed here.
 */
public interface DnsResolver {

    /** TXT strings at {@code name} (each record's character-strings joined). */
    List<String> txt(String name);

    /** CNAME target of {@code name}, without the trailing dot, or empty. */
    List<String> cname(String name);

    /** MX records of {@code name} as {@code "<priority> <host>"}. */
    List<String> mx(String name);
}

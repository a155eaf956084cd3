package com.penguinmails.identity.audit;

import com.penguinmails.core.auth.Principal;

/** Who made a request and from where: what every audited action needs. */
public record Caller(Principal principal, String sourceIp) {
}

package com.penguinmails.shared.audit;

import com.penguinmails.shared.auth.Principal;

/** Who made a request and from where: what every audited action needs. */
public record Caller(Principal principal, String sourceIp) {
}

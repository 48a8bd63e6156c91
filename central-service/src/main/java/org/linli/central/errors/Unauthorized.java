package org.linli.central.errors;

/** The caller is not known: no bearer, an expired session, a revoked key, a wrong password. */
public class Unauthorized extends Refusal {
    public Unauthorized(String detail) {
        super(detail);
    }
}

-- The OIDC issuer's signing keys (docs/identity.md). The private keys make this file a secret: the store keeps
-- belfry.db (and its -wal and -shm files) mode 0600.

CREATE TABLE signing_keys (
    kid         TEXT    NOT NULL PRIMARY KEY, -- RFC 7638 JWK thumbprint (SHA-256, base64url)
    private_key BLOB    NOT NULL,             -- RSA private key, PKCS#8 DER
    create_time INTEGER NOT NULL,             -- UTC ticks
    retire_time INTEGER NULL                  -- UTC ticks; null: the current signing key
);

-- At most one current key, however many servers race to create the first one.
CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys ((retire_time IS NULL)) WHERE retire_time IS NULL;

-- The nodes sharing the store (issue 12, "nodes list"): each node's last heartbeat, written every
-- Belfry:Cluster:HeartbeatInterval. On SQLite the one node's clock is the database's. Instants are UTC ticks.
CREATE TABLE nodes (
    id                   TEXT    NOT NULL PRIMARY KEY, -- Belfry:Cluster:NodeId, or host name and a random suffix
    address              TEXT    NOT NULL,             -- the first listen URL
    version              TEXT    NOT NULL,             -- the server's informational version
    start_time           INTEGER NOT NULL,             -- by the node's own clock
    heartbeat_time       INTEGER NOT NULL,             -- by the database's clock
    executions_in_flight INTEGER NOT NULL,             -- attempts awaiting an answer
    clock_offset_ticks   INTEGER NOT NULL,             -- the database's clock minus the node's, as last measured
    refusal              TEXT    NULL                  -- why the node refuses to dispatch; null: it dispatches
);

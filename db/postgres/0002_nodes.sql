-- The nodes sharing the store (issue 12, "nodes list"), as db/sqlite/0008_nodes.sql: each node's last heartbeat,
-- written every Belfry:Cluster:HeartbeatInterval and stamped with clock_timestamp(), the one clock every node is
-- measured against.
CREATE TABLE nodes (
    id                   text COLLATE "C" NOT NULL PRIMARY KEY, -- Belfry:Cluster:NodeId, or host name and a random suffix
    address              text        NOT NULL,                  -- the first listen URL
    version              text        NOT NULL,                  -- the server's informational version
    start_time           timestamptz NOT NULL,                  -- by the node's own clock
    heartbeat_time       timestamptz NOT NULL,                  -- by the database's clock
    executions_in_flight integer     NOT NULL,                  -- attempts awaiting an answer
    clock_offset_ticks   bigint      NOT NULL,                  -- the database's clock minus the node's, as last measured
    refusal              text        NULL                       -- why the node refuses to dispatch; null: it dispatches
);

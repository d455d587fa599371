package org.lujing.ingest;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.lujing.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which node has taken which inbox file: the inbox route's read lock ({@code readLock=idempotent-changed}) and the
 * nightly chain's ingest step both claim a file here before they touch it, so of all the nodes sharing the inbox
 * and the database exactly one takes it. The key is the file's absolute path, unique in {@code inbox_claim}; a
 * claim is only ever removed by its own node, or taken over once its node's heartbeat is older than
 * {@code lujing.jobs.recover-after}.
 */
@Component("inboxClaims")
public class InboxClaims extends ServiceSupport implements IdempotentRepository {

    private static final Logger log = LoggerFactory.getLogger(InboxClaims.class);

    private final JdbcClient jdbc;
    private final ClusterNode node;
    private final TransactionTemplate own;

    InboxClaims(JdbcClient jdbc, ClusterNode node, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.node = node;
        // each claim commits on its own: the route's consumer has no transaction, the nightly step's has one
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The claim key of an inbox file: the same string the route's file consumer uses. */
    public static String key(Path file) {
        return file.toAbsolutePath().toString();
    }

    /** Claims the file for this node: true when this node now holds it, false when a live node does. */
    @Override
    public boolean add(String key) {
        if (insert(key)) {
            return true;
        }
        String holder = holder(key);
        if (holder == null || node.id().equals(holder) || node.isAlive(holder)) {
            // a live node is at it (or this node itself, through another consumer): leave it alone
            return holder == null && insert(key);
        }
        // the holder stopped beating: take its claim over, one node winning if several try
        int released = own.execute(status -> jdbc.sql("DELETE FROM inbox_claim WHERE file_key = ? AND node_id = ?")
                .params(key, holder)
                .update());
        if (released == 1) {
            log.warn(
                    "inbox: node {} stopped beating; taking over its claim on {}",
                    holder,
                    Path.of(key).getFileName());
        }
        return insert(key);
    }

    private boolean insert(String key) {
        try {
            own.executeWithoutResult(
                    status -> jdbc.sql("INSERT INTO inbox_claim (file_key, node_id, claimed_at) VALUES (?, ?, ?)")
                            .params(key, node.id(), Timestamp.from(Instant.now()))
                            .update());
            return true;
        } catch (DuplicateKeyException held) {
            return false;
        }
    }

    private String holder(String key) {
        return jdbc.sql("SELECT node_id FROM inbox_claim WHERE file_key = ?")
                .param(key)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    @Override
    public boolean contains(String key) {
        return holder(key) != null;
    }

    /** Releases this node's claim; another node's claim is never removed. */
    @Override
    public boolean remove(String key) {
        return own.execute(status -> jdbc.sql("DELETE FROM inbox_claim WHERE file_key = ? AND node_id = ?")
                        .params(key, node.id())
                        .update())
                > 0;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    /** Releases every claim of this node. */
    @Override
    public void clear() {
        own.executeWithoutResult(status -> jdbc.sql("DELETE FROM inbox_claim WHERE node_id = ?")
                .param(node.id())
                .update());
    }
}

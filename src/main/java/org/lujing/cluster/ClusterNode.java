package org.lujing.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This process as one node of those sharing the database: its id, its heartbeat (table {@code lujing_node}, and the
 * content claims it holds), and which nodes are alive. A node whose heartbeat is older than
 * {@code lujing.jobs.recover-after} is dead: what it held may be taken over by a running node. On the embedded
 * database opened in file mode only one process can be connected, so every other node found there is dead.
 */
@Component
public class ClusterNode implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    private final JdbcClient jdbc;
    private final Set<Long> runningHere = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<Long> leftByPredecessor = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final String id;
    private final Duration recoverAfter;
    private final Duration heartbeat;
    private final boolean soleProcess;
    private ScheduledExecutorService beats;
    /** Whether this process's own row was entered: a start refused leaves the name's row to the process holding it. */
    private volatile boolean entered;

    public ClusterNode(JdbcClient jdbc, Environment env) {
        this.jdbc = jdbc;
        String named = env.getProperty("lujing.node.id");
        boolean serve = env.getProperty("lujing.jobs.takeover", Boolean.class, false);
        // a command run beside serve on the same machine shares its environment (LUJING_NODE_ID), not its name: the
        // name is serve's, and a command taking it would be refused as a second process of one node
        this.id = named == null || named.isBlank()
                ? defaultId()
                : serve
                        ? named
                        : shorten(named, 80) + "-cmd-" + ProcessHandle.current().pid();
        this.recoverAfter = env.getProperty("lujing.jobs.recover-after", Duration.class, Duration.ofMinutes(30));
        Duration beat = env.getProperty("lujing.jobs.heartbeat", Duration.class, Duration.ofSeconds(30));
        // a node must beat several times within recover-after, or a slow beat would pass for a dead node
        this.heartbeat = beat.compareTo(recoverAfter.dividedBy(3)) > 0 ? recoverAfter.dividedBy(3) : beat;
        String url = env.getProperty("spring.datasource.url", "");
        this.soleProcess = url.startsWith("jdbc:hsqldb:file:") || url.startsWith("jdbc:hsqldb:mem:");
    }

    /** This node's id: {@code lujing.node.id}, else host, process id and a random suffix. */
    public String id() {
        return id;
    }

    public Duration recoverAfter() {
        return recoverAfter;
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    /** Heartbeats older than this are a dead node's. */
    public Timestamp deadBefore() {
        return Timestamp.from(Instant.now().minus(recoverAfter));
    }

    @Override
    public void afterSingletonsInstantiated() {
        join();
    }

    /**
     * Enters this node among the nodes, once (whichever of the beans that need it comes first): its row, its beat.
     * A row of its own name found there is a process of this node that ended without leaving — killed, the power
     * lost — when its process is gone from this machine or its heartbeat is older than {@code recover-after}: what it
     * left running is dead ({@link #leftByPredecessor}) and its claims are released, so this start finishes them.
     * Before, the name's row made the start fail ({@code duplicate key … lujing_node_pkey}) for as long as the dead
     * process held anything, which was for ever. A live process of the same name refuses the start.
     */
    public synchronized void join() {
        if (beats != null) {
            return;
        }
        if (soleProcess) {
            // only this process has the file open: every node recorded in it is gone, and so is what it held
            int nodes = jdbc.sql("DELETE FROM lujing_node").update();
            int claims = jdbc.sql("UPDATE file_claim SET node_id = NULL, heartbeat_at = NULL WHERE node_id IS NOT NULL")
                    .update();
            jdbc.sql("DELETE FROM inbox_claim").update();
            if (nodes + claims > 0) {
                log.info("{} node(s) of stopped processes forgotten, {} of their claims released", nodes, claims);
            }
        }
        takeOverOwnName();
        Timestamp now = Timestamp.from(Instant.now());
        try {
            jdbc.sql("INSERT INTO lujing_node (node_id, host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)")
                    .params(id, host(), ProcessHandle.current().pid(), now, now)
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException twin) {
            // another process of this name entered between the look above and this insert (two started at once):
            // it is alive, and told as such, not as the database's duplicate key
            throw jdbc.sql("SELECT host, pid, heartbeat_at FROM lujing_node WHERE node_id = ?")
                    .param(id)
                    .query((rs, n) -> new Predecessor(rs.getString(1), rs.getLong(2), rs.getTimestamp(3)))
                    .optional()
                    .map(this::nameInUse)
                    .orElseThrow(() -> twin);
        }
        entered = true;
        beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        beats.scheduleWithFixedDelay(
                this::beatQuietly, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        log.info("node {} beats every {} (taken for dead after {} without)", id, heartbeat, recoverAfter);
    }

    private record Predecessor(String host, long pid, Timestamp heartbeat) {}

    private void takeOverOwnName() {
        Predecessor before = jdbc.sql("SELECT host, pid, heartbeat_at FROM lujing_node WHERE node_id = ?")
                .param(id)
                .query((rs, n) -> new Predecessor(rs.getString(1), rs.getLong(2), rs.getTimestamp(3)))
                .optional()
                .orElse(null);
        if (before == null) {
            return;
        }
        boolean silent = before.heartbeat() == null || before.heartbeat().before(deadBefore());
        boolean goneFromHere = host().equals(before.host()) && !javaRunning(before.pid());
        if (!silent && !goneFromHere) {
            throw nameInUse(before);
        }
        leftByPredecessor.addAll(jdbc.sql("""
                        SELECT j.job_execution_id FROM job_node j JOIN batch_job_execution e
                          ON e.job_execution_id = j.job_execution_id
                        WHERE j.node_id = ? AND e.status IN ('STARTING', 'STARTED', 'STOPPING')""").param(id).query(Long.class).list());
        int claims = jdbc.sql("UPDATE file_claim SET node_id = NULL, heartbeat_at = NULL WHERE node_id = ?")
                .param(id)
                .update();
        // its inbox claims too: under this node's name they would read as this node's own, and its file be skipped
        jdbc.sql("DELETE FROM inbox_claim WHERE node_id = ?").param(id).update();
        jdbc.sql("DELETE FROM lujing_node WHERE node_id = ?").param(id).update();
        log.warn(
                "node {}: its previous process ({} on {}, last heartbeat {}) ended without leaving; {} run(s) it left"
                        + " running are taken for dead and {} file claim(s) released, to be finished from here",
                id,
                before.pid(),
                before.host(),
                before.heartbeat(),
                leftByPredecessor.size(),
                claims);
    }

    /** The refusal of a start whose name a live process holds: its host, process and beat, and when it may start. */
    private IllegalStateException nameInUse(Predecessor before) {
        // wall-clock times as the database keeps them (Beijing time, as every Lujing process runs)
        java.time.LocalDateTime beat = before.heartbeat().toLocalDateTime().withNano(0);
        java.time.LocalDateTime dead = beat.plus(recoverAfter);
        return new IllegalStateException("节点名 " + id + " 已被另一个正在运行的进程使用（主机 " + before.host() + "，进程 "
                + before.pid() + "，最近心跳 " + beat + "）：每个节点要有自己的 lujing.node.id。"
                + "若那个进程已不在，其心跳过了 lujing.jobs.recover-after（" + dead + " 之后）就可用此名启动"
                + " ‖ the node name " + id + " is in use by another running process (host " + before.host()
                + ", process " + before.pid() + ", last heartbeat "
                + beat + "): every"
                + " node needs its own lujing.node.id. If that process is gone, this name can start once its"
                + " heartbeat is older than lujing.jobs.recover-after (after " + dead + ")");
    }

    /** Whether a Java process of that id runs on this machine (this one, not yet entered, is not its predecessor). */
    private static boolean javaRunning(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            // a container's java is often process 1 at every start
            return false;
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().map(c -> c.contains("java")).orElse(true))
                .orElse(false);
    }

    /**
     * Whether a job execution was left running by an earlier process of this node's name that ended without
     * leaving ({@link #join}): it is dead though its node's name is alive.
     */
    public boolean leftByPredecessor(long jobExecutionId) {
        join();
        return leftByPredecessor.contains(jobExecutionId);
    }

    /** Tells the other nodes this one is alive: the node's row and the content claims it holds. */
    public void beat() {
        Timestamp now = Timestamp.from(Instant.now());
        int n = jdbc.sql("UPDATE lujing_node SET heartbeat_at = ? WHERE node_id = ?")
                .params(now, id)
                .update();
        if (n == 0) {
            jdbc.sql("INSERT INTO lujing_node (node_id, host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)")
                    .params(id, host(), ProcessHandle.current().pid(), now, now)
                    .update();
            entered = true;
        }
        jdbc.sql("UPDATE file_claim SET heartbeat_at = ? WHERE node_id = ?")
                .params(now, id)
                .update();
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next beat tries again
            log.warn("node {}: heartbeat not written: {}", id, e.toString());
        }
    }

    /**
     * The ids of the nodes alive by their heartbeat, as SQL taking {@link #deadBefore()} as its one parameter: the
     * one test of life, for a query here and for a conditional update elsewhere (a content claim's takeover).
     */
    public static final String ALIVE_NODE_IDS = "SELECT node_id FROM lujing_node WHERE heartbeat_at >= ?";

    /** The nodes whose heartbeat is recent, this one always among them. */
    public Set<String> aliveNodes() {
        Set<String> alive = new HashSet<>(
                jdbc.sql(ALIVE_NODE_IDS).param(deadBefore()).query(String.class).list());
        alive.add(id);
        return alive;
    }

    public boolean isAlive(String nodeId) {
        return id.equals(nodeId) || aliveNodes().contains(nodeId);
    }

    /** The job executions running in this process now (started here and not yet ended). */
    public Set<Long> runningHere() {
        return Set.copyOf(runningHere);
    }

    /**
     * Records that a job execution this process ran has ended, whatever its status: here, and in {@code job_node} for
     * the other nodes (a restart asked elsewhere waits for it).
     */
    void ended(long jobExecutionId) {
        runningHere.remove(jobExecutionId);
        try {
            jdbc.sql("UPDATE job_node SET ended_at = ? WHERE job_execution_id = ?")
                    .params(Timestamp.from(Instant.now()), jobExecutionId)
                    .update();
        } catch (RuntimeException e) {
            // the database away as the job ends: the run is taken for running until this process stops or restarts
            log.warn("execution #{}: its end not recorded for the other nodes: {}", jobExecutionId, e.toString());
        }
    }

    /**
     * The node that still runs a job execution, if one does: this process when the execution runs here; another node
     * whose process recorded no end of it, still beats, and is the same process that began it (a node started again
     * under its name after a crash is not — what its predecessor left is dead). A stop asked from elsewhere marks the
     * execution STOPPED at once while that node is still in its chunk, or hangs there.
     */
    public Optional<String> stillRunning(long jobExecutionId) {
        Optional<String> runner = nodeOf(jobExecutionId);
        if (runner.isEmpty()) {
            return Optional.empty();
        }
        if (id.equals(runner.get())) {
            return runningHere.contains(jobExecutionId) ? runner : Optional.empty();
        }
        return jdbc.sql("""
                        SELECT j.node_id FROM job_node j
                          JOIN lujing_node n ON n.node_id = j.node_id
                          JOIN batch_job_execution e ON e.job_execution_id = j.job_execution_id
                        WHERE j.job_execution_id = ? AND j.ended_at IS NULL AND n.heartbeat_at >= ?
                          AND n.started_at <= COALESCE(e.start_time, e.create_time)""")
                .params(jobExecutionId, deadBefore())
                .query(String.class)
                .optional();
    }

    /**
     * Lets go of this node's content claims, for a process that stops in order once its jobs stopped: what it
     * stopped half way may then be finished by another node at once, not after {@code recover-after}.
     */
    public int releaseClaims() {
        return jdbc.sql("UPDATE file_claim SET node_id = NULL, heartbeat_at = NULL WHERE node_id = ?")
                .param(id)
                .update();
    }

    /** Records that this node runs a job execution (recovery then goes by this node's heartbeat). */
    public void runs(long jobExecutionId) {
        runningHere.add(jobExecutionId);
        jdbc.sql("DELETE FROM job_node WHERE job_execution_id = ?")
                .param(jobExecutionId)
                .update();
        jdbc.sql("INSERT INTO job_node (job_execution_id, node_id) VALUES (?, ?)")
                .params(jobExecutionId, id)
                .update();
    }

    /** The node that runs (or ran) a job execution, when known. */
    public Optional<String> nodeOf(long jobExecutionId) {
        return jdbc.sql("SELECT node_id FROM job_node WHERE job_execution_id = ?")
                .param(jobExecutionId)
                .query(String.class)
                .optional();
    }

    /**
     * Stops beating. The node's row goes only when it holds nothing unfinished: what a node stopped halfway keeps
     * its name, and is taken over once the heartbeat is old enough, never while this process may still be at it.
     */
    @Override
    public void destroy() {
        if (beats != null) {
            beats.shutdownNow();
        }
        // at most a moment: a database already gone must not hold the shutdown up for a connection timeout
        Thread leave = new Thread(this::leave, "node-leave");
        leave.setDaemon(true);
        leave.start();
        try {
            leave.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void leave() {
        if (!entered) {
            return;
        }
        try {
            jdbc.sql("""
                            DELETE FROM lujing_node WHERE node_id = ?
                              AND NOT EXISTS (SELECT 1 FROM file_claim WHERE node_id = ?)
                              AND NOT EXISTS (SELECT 1 FROM job_node j JOIN batch_job_execution e
                                ON e.job_execution_id = j.job_execution_id
                                WHERE j.node_id = ? AND e.status IN ('STARTING', 'STARTED', 'STOPPING'))""").params(id, id, id).update();
        } catch (RuntimeException e) {
            log.debug("node {}: row not removed at shutdown: {}", id, e.toString());
        }
    }

    private static String defaultId() {
        String pid = Long.toString(ProcessHandle.current().pid());
        byte[] random = new byte[2];
        ThreadLocalRandom.current().nextBytes(random);
        // lujing_node.node_id holds 100 characters
        return shorten(host(), 80) + "-" + pid + "-" + HexFormat.of().formatHex(random);
    }

    private static String shorten(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}

package org.civicmatch.ortools;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Solves the bench's network with OR-tools' SimpleMinCostFlow, `runs` times, each on a fresh solver, and prints
 * one JSON line: the time of each Solve() call alone (wall and thread CPU; the first is the cold one of this JVM),
 * the status, and the objective read back from the flow (coverage: units on coverage arcs; weight: the weights of
 * the pair arcs used).
 *
 * <p>File (little-endian): int32 magic 0x31464d43 ("CMF1"), int32 nodes, int32 arcs, then per arc, column by
 * column: int32 tail, int32 head, int32 lower, int32 upper, int64 cost, int8 role (0 plain, 1 pair arc whose
 * weight is -cost, 2 coverage arc). Lower bounds (the pins) become node supplies: flow l on u->v is sent up front,
 * so u must push l less and v l more, and the arc keeps upper - lower.
 *
 * <p>Usage: java -cp 'target/ortools-peer.jar:target/lib/*' org.civicmatch.ortools.MinCostFlowPeer FILE [RUNS]
 */
public final class MinCostFlowPeer {
  private static final int MAGIC = 0x31464d43;

  private MinCostFlowPeer() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: MinCostFlowPeer FILE [RUNS]");
      System.exit(2);
    }
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long t0 = System.nanoTime();
    Loader.loadNativeLibraries();
    double loadMs = (System.nanoTime() - t0) / 1e6;

    ByteBuffer in;
    try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ)) {
      in = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
    }
    if (in.getInt() != MAGIC) throw new IOException("not a CMF1 network file: " + args[0]);
    int nodes = in.getInt();
    int arcs = in.getInt();
    int[] tail = readInts(in, arcs);
    int[] head = readInts(in, arcs);
    int[] lower = readInts(in, arcs);
    int[] upper = readInts(in, arcs);
    long[] cost = new long[arcs];
    for (int a = 0; a < arcs; a++) cost[a] = in.getLong();
    byte[] role = new byte[arcs];
    in.get(role);

    long[] supply = new long[nodes];
    for (int a = 0; a < arcs; a++) {
      supply[tail[a]] -= lower[a];
      supply[head[a]] += lower[a];
    }

    // Solve() runs in the calling thread (single-threaded C++): its CPU time is this thread's.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] solveMs = new double[runs];
    double[] solveCpuMs = new double[runs];
    double[] buildMs = new double[runs];
    String status = "";
    long coverage = 0;
    long weight = 0;
    long optimalCost = 0;
    for (int run = 0; run < runs; run++) {
      long b0 = System.nanoTime();
      MinCostFlow flow = new MinCostFlow(nodes, arcs);
      for (int a = 0; a < arcs; a++) flow.addArcWithCapacityAndUnitCost(tail[a], head[a], upper[a] - lower[a], cost[a]);
      for (int v = 0; v < nodes; v++) if (supply[v] != 0) flow.setNodeSupply(v, supply[v]);
      long c0 = threads.getCurrentThreadCpuTime();
      long s0 = System.nanoTime();
      MinCostFlowBase.Status st = flow.solve();
      long s1 = System.nanoTime();
      solveCpuMs[run] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
      buildMs[run] = (s0 - b0) / 1e6;
      solveMs[run] = (s1 - s0) / 1e6;
      status = st.toString();
      coverage = 0;
      weight = 0;
      if (st == MinCostFlowBase.Status.OPTIMAL) {
        optimalCost = flow.getOptimalCost();
        for (int a = 0; a < arcs; a++) {
          long f = flow.getFlow(a) + lower[a];
          if (role[a] == 1) weight += -cost[a] * f;
          else if (role[a] == 2) coverage += f;
        }
      }
      flow.delete();
    }
    double[] warm = runs > 1 ? Arrays.copyOfRange(solveMs, 1, runs) : solveMs;
    double[] warmCpu = runs > 1 ? Arrays.copyOfRange(solveCpuMs, 1, runs) : solveCpuMs;
    StringBuilder out = new StringBuilder();
    out.append("{\"nodes\":").append(nodes).append(",\"arcs\":").append(arcs)
        .append(",\"status\":\"").append(status).append('"')
        .append(",\"coverage\":").append(coverage).append(",\"weight\":").append(weight)
        .append(",\"optimalCost\":").append(optimalCost)
        .append(",\"loadNativeMs\":").append(round(loadMs))
        .append(",\"coldMs\":").append(round(solveMs[0]))
        .append(",\"warmMsMedian\":").append(round(median(warm)))
        .append(",\"warmCpuMsMedian\":").append(round(median(warmCpu)))
        .append(",\"solveMs\":").append(list(solveMs))
        .append(",\"solveCpuMs\":").append(list(solveCpuMs))
        .append(",\"buildMs\":").append(list(buildMs))
        .append(",\"java\":\"").append(System.getProperty("java.version")).append('"')
        .append('}');
    System.out.println(out);
  }

  private static int[] readInts(ByteBuffer in, int n) {
    int[] xs = new int[n];
    in.asIntBuffer().get(xs);
    in.position(in.position() + 4 * n);
    return xs;
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double round(double ms) {
    return Math.round(ms * 100) / 100.0;
  }

  private static String list(double[] xs) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < xs.length; i++) b.append(i > 0 ? "," : "").append(round(xs[i]));
    return b.append(']').toString();
  }
}

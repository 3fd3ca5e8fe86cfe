import { CMM_525_0002_V1, formatCertificateNumber } from '@app/domain';
import type { BenchCase } from '../lib/case';
import { delay } from '../lib/children';
import type { BenchContext } from '../lib/context';
import { runLoad } from '../lib/load';
import { metric } from '../lib/report';
import { elapsedMs, maximum, median } from '../lib/stats';

/**
 * Case 7: the RSS of the API process with the main dataset loaded — after start-up (idle), and at its peak over its
 * whole life in this run (start-up, the HTTP and registry cases when they ran, and a mixed load of this case's own);
 * beside it, what the same process takes to start and to answer a Prometheus scrape.
 */
export const memoryCase: BenchCase = {
  id: 'memory',
  number: 7,
  title: 'API process memory (RSS)',
  async run(context: BenchContext) {
    const { profile } = context;
    const api = await context.api();
    const { child } = api;
    const { liveNumbers, brands, certificates, year } = api.dataset.meta;

    child.phase = 'memory-idle';
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) {
      idle.push(child.sample());
      await delay(Math.max(100, (profile.httpSeconds * 1000) / 20));
    }

    // A Prometheus scrape as a client sees it: its gauges count overdue deadlines and SLA breaches in the read models,
    // on the API's thread, which answers nothing else meanwhile.
    const scrapes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      const response = await fetch(`${api.url}/metrics`);
      await response.text();
      if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
      scrapes.push(elapsedMs(start));
    }

    // Everything at once: commands, searches and detail queries on 32 connections in all.
    child.phase = 'memory-mixed-load';
    const durationS = profile.httpSeconds;
    let n = 0;
    await Promise.all([
      runLoad({
        url: api.url,
        connections: 16,
        durationS,
        method: 'POST',
        headers: { authorization: `Bearer ${api.tokens.registry}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'DAMAGED' }),
        path: (index) =>
          `/api/v1/certificates/${liveNumbers[(liveNumbers.length - 1 - index) % liveNumbers.length]}/reissue`,
      }),
      runLoad({
        url: api.url,
        connections: 8,
        durationS,
        path: (index) =>
          `/api/v1/registry/certificates?q=${encodeURIComponent(brands[index % brands.length])}`,
      }),
      runLoad({
        url: api.url,
        connections: 8,
        durationS,
        path: () =>
          `/api/v1/registry/certificates/${formatCertificateNumber(CMM_525_0002_V1, year, 1 + (n++ % certificates))}`,
      }),
    ]);
    child.phase = 'idle';
    child.sample();
    const peak = Math.max(child.peakRssMb, maximum(child.samples.map((s) => s.rssMb)));
    const byPhase: Record<string, number> = {};
    for (const sample of child.samples)
      byPhase[sample.phase] = Math.max(byPhase[sample.phase] ?? 0, sample.rssMb);
    return {
      metrics: [
        metric({
          id: 'peak-rss',
          label: 'API RSS, peak (VmHWM) over the run',
          unit: 'MB',
          value: peak,
          goal: { op: '<=', value: 300 },
        }),
        metric({ id: 'idle-rss', label: 'API RSS, idle after start-up', unit: 'MB', value: median(idle) }),
        metric({
          id: 'metrics-scrape',
          label: 'GET /metrics (a Prometheus scrape), idle',
          unit: 'ms',
          value: median(scrapes),
          runs: scrapes,
        }),
        metric({
          id: 'startup',
          label: 'API start-up until projections live',
          unit: 's',
          value: api.startupMs / 1000,
        }),
      ],
      notes: [
        `The API process on the ${certificates.toLocaleString()}-certificate dataset (${api.dataset.meta.events.toLocaleString()} ` +
          `events; read store ${(api.dataset.meta.readBytes / 1e6).toFixed(0)} MB), compiled JavaScript run by node as ` +
          'the image runs it; RSS from /proc every 100 ms and the kernel peak. Peak per phase (MB): ' +
          Object.entries(byPhase)
            .map(([phase, mb]) => `${phase} ${mb.toFixed(0)}`)
            .join(', '),
      ],
      details: { rssByPhaseMb: byPhase },
    };
  },
};

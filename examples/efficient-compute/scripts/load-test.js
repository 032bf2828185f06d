// Phase I load test: ramps virtual users up in steps so KEDA scales montecarlo-pi on its p90
// latency and Karpenter adds multiarch nodes, then ramps down.
import http from 'k6/http';
import { sleep } from 'k6';

export const options = {
  stages: [
    { duration: '120s', target: 30 },
    { duration: '120s', target: 45 },
    { duration: '90s', target: 60 },
    { duration: '90s', target: 75 },
    // Upstream writes "90" without a unit, which k6 reads as 90 ms; the ramp means 90 s.
    { duration: '90s', target: 90 },
    { duration: '30s', target: 100 },
    { duration: '15s', target: 0 },
  ],
};

export default function () {
  http.get('http://montecarlo-pi.default.svc.cluster.local/simulate?iterations=500000');
  sleep(1);
}

// Phase II performance test: a constant 100 virtual users for 5 minutes against one architecture's
// Service. The app writes it into k6-test-scripts twice, as perf-test-x86.js and perf-test-graviton.js,
// with the URL's host set to montecarlo-pi-x86 or montecarlo-pi-graviton.
// The checks only report; without thresholds the run never fails on them.
import http from 'k6/http';
import { check, sleep } from 'k6';

export const options = { vus: 100, duration: '5m' };

export default function () {
  const response = http.get('http://__SERVICE__/simulate?iterations=500000');
  check(response, {
    'status is 200': r => r.status === 200,
    'latency < 500ms': r => r.timings.duration < 500,
  });
  sleep(0.05);
}

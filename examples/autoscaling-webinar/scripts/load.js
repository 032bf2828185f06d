// The webinar's spike test: ramp to 150 virtual users over four minutes against moc, each sending one
// request a second, and report how many answers were 200 and how many came back within 500 ms.
import http from 'k6/http';
import { check, sleep } from 'k6';

// The TestRun sets TARGET_URL: the public host, as the webinar runs it, or the in-cluster Service.
const target = __ENV.TARGET_URL || 'http://moc.cquinta.com';

export const options = {
  // No ramp-down stage: the test ends at its peak, and the autoscalers scale in afterwards.
  stages: [
    { duration: '10s', target: 20 },
    { duration: '20s', target: 50 },
    { duration: '30s', target: 80 },
    { duration: '180s', target: 150 },
  ],
};

export default function () {
  const response = http.get(target);
  check(response, {
    'Status 200': (r) => r.status === 200,
    'response time < 500ms': (r) => r.timings.duration < 500,
  });
  sleep(1);
}

import http from 'k6/http';
import { check, sleep } from 'k6';

// The walkthrough's load generator as a k6 test. Each virtual user does what one busybox
// load-generator pod does: a GET through Traefik to /php-apache/, then a 10 ms pause.
// The stages replay the walkthrough with virtual users instead of pods: one generator,
// scaled out to 40, then back to one.
const TARGET_URL = __ENV.TARGET_URL || 'http://traefik.traefik.svc.cluster.local:80/php-apache/';
const TARGET_HOST = __ENV.TARGET_HOST || 'php-apache.hpa-example.com';

export const options = {
  scenarios: {
    walkthrough: {
      executor: 'ramping-vus',
      startVUs: 1,
      stages: [
        { duration: '5m', target: 1 },
        { duration: '30s', target: 40 },
        { duration: '10m', target: 40 },
        { duration: '30s', target: 1 },
        { duration: '5m', target: 1 },
      ],
      gracefulRampDown: '10s',
    },
  },
};

export default function () {
  const res = http.get(TARGET_URL, { headers: { Host: TARGET_HOST } });
  // KEDA counts only code="200" responses, so a non-200 answer is load that does not scale anything.
  check(res, {
    'status is 200': (r) => r.status === 200,
    'body says OK!': (r) => typeof r.body === 'string' && r.body.includes('OK!'),
  });
  sleep(0.01);
}

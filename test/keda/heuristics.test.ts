import { returnsSingleSeries } from '../../src/keda/promql';
import { formulaVariables } from '../../src/validation/operator-rules/keda-formula';

describe('PromQL single-series heuristic', () => {
  test.each([
    'sum(rate(http_requests_total[1m]))',
    'sum(rate(istio_requests_total{destination_service_name="moc"}[1m])) ',
    'histogram_quantile(0.90, sum(rate(monte_carlo_latency_seconds_bucket{status="200"}[1m])) by (le))\n',
    'sum by (le) (rate(x_bucket[5m]))',
    'sum(a) / sum(b)',
    '100 * sum(rate(errors_total[5m])) / sum(rate(requests_total[5m]))',
    'max(kafka_consumergroup_lag{topic="orders"})',
    'scalar(up{job="api"})',
    'vector(1)',
    'clamp_min(sum(rate(x[1m])), 0)',
    '(sum(x))',
    '-sum(x)',
    'count(up == 1) # healthy targets',
    'sum(rate(x[1m])) * 2.5e-3',
    'sum(errors)or vector(0)',
  ])('treats %j as one series', query => {
    expect(returnsSingleSeries(query)).toBe(true);
  });

  test.each([
    'rate(traefik_service_requests_total{service="hpa-example-php-apache-80@kubernetes",code="200"}[2m])',
    'http_requests_total',
    'sum by (pod) (rate(x[1m]))',
    'sum(rate(x[1m])) by (pod)',
    'sum without (instance) (rate(x[1m]))',
    'clamp_min(rate(x[1m]), 0)',
    'sum(a) / b',
    'sum(a) and on(job) up',
    'sum(a) unless rate(b[1m])',
    'sum(a) * 1e+3 + b',
  ])('flags %j as possibly many series', query => {
    expect(returnsSingleSeries(query)).toBe(false);
  });
});

describe('scalingModifiers formula variables', () => {
  test('lists trigger names, without keywords, functions, members or strings', () => {
    expect(formulaVariables('float(queue) / 2 + (rps > 10 ? rps : 0) ?? 8')).toEqual(['queue', 'rps']);
    expect(formulaVariables('max(a, b) + x.y + len("abc") + true')).toEqual(['a', 'b', 'x']);
    expect(formulaVariables('"queue" + \'rps\'')).toEqual([]);
  });
});

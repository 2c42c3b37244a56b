/** axe-core run in a real page: the serious and critical violations only, with a few of their nodes. */
import type { Page } from 'playwright-core';

interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

export async function seriousViolations(page: Page) {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const violations = await page.evaluate(async () => {
    const { axe } = globalThis as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } };
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

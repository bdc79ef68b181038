import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import VirtualList from './test/VirtualListHost.svelte';

function items(count: number, label = (i: number) => `row ${i}`) {
  return Array.from({ length: count }, (_, i) => ({ id: `r${i}`, label: label(i) }));
}

describe('VirtualList', () => {
  it('renders only a window of a long list, with the full row count for assistive tech', () => {
    render(VirtualList, { items: items(5000) });
    const rows = screen.getAllByTestId('row');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByTestId('list')).toHaveAttribute('aria-rowcount', '5000');
  });

  it('shows a changed item in place', async () => {
    const view = render(VirtualList, { items: items(3) });
    expect(screen.getAllByTestId('row').map((row) => row.textContent)).toEqual(['row 0', 'row 1', 'row 2']);
    await view.rerender({ items: items(3, (i) => (i === 1 ? 'row 1 scored' : `row ${i}`)) });
    expect(screen.getAllByTestId('row').map((row) => row.textContent)).toEqual([
      'row 0',
      'row 1 scored',
      'row 2',
    ]);
  });
});

import { harness, render } from '../../test-utils/simulate';

const LEVELS = [
  { name: 'ordinary', label: '一般' },
  { name: 'major', label: '重大敏感' },
  { name: 'especiallyMajor', label: '特别重大敏感' },
];

describe('segmented', () => {
  it('shows every option on one control, the chosen one marked', () => {
    const view = harness(render('components/segmented/index', { options: LEVELS, value: 'major' }));
    expect(view.text()).toBe('一般 重大敏感 特别重大敏感');
    const classes = (name: string): string =>
      String(
        (
          view.root.querySelector(`#segment-${name}`)?.toJSON() as { attrs?: Array<{ name: string; value: unknown }> }
        ).attrs?.find((a) => a.name === 'class')?.value,
      );
    expect(classes('major')).toContain('segmented__item--active');
    expect(classes('ordinary')).not.toContain('segmented__item--active');
  });

  it('emits change with the option tapped, and nothing for the one already chosen', async () => {
    const root = render('components/segmented/index', { options: LEVELS, value: 'major' });
    const onChange = jest.fn();
    root.addEventListener('change', onChange);
    await harness(root).fire('#segment-especiallyMajor', 'tap');
    await harness(root).fire('#segment-major', 'tap');
    expect(onChange.mock.calls.map(([e]: [{ detail: unknown }]) => e.detail)).toEqual(['especiallyMajor']);
  });

  it('emits nothing when disabled (a reader viewing a rule)', async () => {
    const root = render('components/segmented/index', { options: LEVELS, value: 'major', disabled: true });
    const onChange = jest.fn();
    root.addEventListener('change', onChange);
    await harness(root).fire('#segment-ordinary', 'tap');
    expect(onChange).not.toHaveBeenCalled();
  });
});

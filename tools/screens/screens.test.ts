import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRoutes, selectRoutes, shotName } from './index';
import { screens } from './pages';

const app = {
  pages: ['pages/home/index', 'pages/me/index', 'pages/messages/index'],
  subPackages: [{ root: 'packages/linkage/', pages: ['pages/board/index', 'pages/directive/index'] }],
};

describe('npm run screens: which pages, under which names', () => {
  it('renders the main package and every subpackage page', () => {
    expect(allRoutes(app)).toEqual([
      'pages/home/index',
      'pages/me/index',
      'pages/messages/index',
      'packages/linkage/pages/board/index',
      'packages/linkage/pages/directive/index',
    ]);
  });

  it('renders a subset by whole path segments: a subpackage, a page, several', () => {
    const routes = allRoutes(app);
    expect(selectRoutes(routes, [])).toEqual(routes);
    expect(selectRoutes(routes, ['packages/linkage'])).toEqual([
      'packages/linkage/pages/board/index',
      'packages/linkage/pages/directive/index',
    ]);
    expect(selectRoutes(routes, ['pages/me'])).toEqual(['pages/me/index']);
    expect(selectRoutes(routes, ['/pages/home/', 'board'])).toEqual([
      'pages/home/index',
      'packages/linkage/pages/board/index',
    ]);
    expect(selectRoutes(routes, ['nothing'])).toEqual([]);
  });

  it('names each picture after its route, with the variant', () => {
    expect(shotName('pages/home/index')).toBe('pages-home');
    expect(shotName('pages/home/index', 'reviewer')).toBe('pages-home--reviewer');
    expect(shotName('packages/linkage/pages/board/index')).toBe('packages-linkage-pages-board');
  });

  it('names only pages that exist, each picture once', () => {
    const real = allRoutes(
      JSON.parse(readFileSync(join(__dirname, '../../miniprogram/app.json'), 'utf8')) as Parameters<
        typeof allRoutes
      >[0],
    );
    for (const spec of screens) expect(real).toContain(spec.route);
    const names = screens.map((s) => shotName(s.route, s.variant));
    expect(new Set(names).size).toBe(names.length);
  });
});

// msw/node as this package resolves it, for tests outside packages/mock (the root test/ has no msw of its
// own): the handlers of @tukar/mock and the server must come from one copy of msw.
export { setupServer } from 'msw/node';

const route = (method: string, path: string, handler: string) => ({
  method,
  path: `/space${path}`,
  handler: `registration.${handler}`,
  config: { policies: [] },
});

export default {
  routes: [
    route('GET', '/events', 'events'),
    route('GET', '/registrations', 'mine'),
    route('POST', '/events/:documentId/registration', 'register'),
    route('DELETE', '/events/:documentId/registration', 'unregister'),
    route('GET', '/events/:documentId/attendees', 'attendees'),
  ],
};

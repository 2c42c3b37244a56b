import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::member-profile.member-profile');

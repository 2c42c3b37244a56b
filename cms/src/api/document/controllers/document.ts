import { scopedController } from '../../../access/scoped-controller';
import { scopes } from '../../../access/scopes';

export default scopedController('api::document.document', scopes.document);

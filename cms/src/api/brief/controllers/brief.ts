import { scopedController } from '../../../access/scoped-controller';
import { scopes } from '../../../access/scopes';

export default scopedController('api::brief.brief', scopes.brief);

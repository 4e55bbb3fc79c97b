import { defineGroup } from '../command';
import { pactCheckCommand } from './pact-check';
import { pactVerifyHubCommand } from './pact-verify-hub';
import { pactVerifyProviderCommand } from './pact-verify-provider';

/** `tukar pact`: verify pacts against the hub or an OPD system, and check them against the hub's spec. */
export const pactCommand = defineGroup({
  name: 'pact',
  summary: 'verify Pact contracts against the hub or an OPD system; check them against the spec',
  description: `
Consumer-driven contract tests for SOP steps 6–8. OPD applications write pacts with
@tukar/pact in their own tests; these commands verify them against a running hub
(verify-hub), verify an OPD system's endpoint against a pact made from its data contract
(verify-provider), and check pacts against the hub's OpenAPI document without running
anything (check).`,
  commands: [pactVerifyHubCommand, pactVerifyProviderCommand, pactCheckCommand],
  examples: [
    'tukar pact check pacts',
    'tukar pact verify-hub --hub http://127.0.0.1:8080 --contracts contracts pacts',
    'tukar pact verify-provider --contract contracts/dinkes.puskesmas.yaml --url http://127.0.0.1:8090',
  ],
});

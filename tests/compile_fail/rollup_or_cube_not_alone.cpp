// expect: rollup\(\.\.\.\) or cube\(\.\.\.\) must be the only GROUP BY argument.*"group_by\(\) of the query on Opportunity mixes rollup/cube with others"
#include "common.hpp"

auto q = select(count(Opportunity_.Id)).from(Opportunity_).group_by(rollup(Opportunity_.StageName), Opportunity_.CampaignId);

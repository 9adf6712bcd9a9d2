use gamesparks::operation::get_stage_deployment::GetStageDeploymentInput;

fn main() {
    let _input = GetStageDeploymentInput::builder().game_name("g").build();
}

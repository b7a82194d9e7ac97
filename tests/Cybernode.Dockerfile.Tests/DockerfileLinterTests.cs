using Cybernode.Dockerfile.Lint;
using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Tests;

public class DockerfileLinterTests
{
    private static List<string> Lint(string text) =>
        [.. DockerfileLinter.Lint(Parse.Ast(text), "Dockerfile").Select(w => w.ToString())];

    [Fact]
    public void Clean_file_has_no_findings()
    {
        Lint("ARG V=3.20\nFROM alpine:$V AS build\nWORKDIR /src\nCOPY . .\nRUN make\nFROM scratch\nCOPY --from=build /src/app /\nENTRYPOINT [\"/app\"]\n")
            .ShouldBeEmpty();
    }

    [Fact]
    public void Shell_form_cmd_and_entrypoint_recommend_json()
    {
        Lint("FROM a\nENTRYPOINT my-app start\n").ShouldBe(
            ["Dockerfile:2: [JSONArgsRecommended] JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals"]);
    }

    [Fact]
    public void Explicit_shell_silences_json_args_recommendation_also_in_derived_stages()
    {
        Lint("FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nCMD echo hi\nFROM base\nCMD echo again\n").ShouldBeEmpty();
    }

    [Fact]
    public void Maintainer_is_deprecated()
    {
        Lint("FROM a\nMAINTAINER me\n").ShouldBe(["Dockerfile:2: [MaintainerDeprecated] Maintainer instruction is deprecated in favor of using label"]);
    }

    [Fact]
    public void From_using_an_undeclared_arg_is_reported_with_a_suggestion()
    {
        Lint("ARG VERSION=1\nFROM alpine:$VERSON\n").ShouldBe(
            ["Dockerfile:2: [UndefinedArgInFrom] FROM argument 'VERSON' is not declared (did you mean VERSION?)"]);
    }

    [Fact]
    public void Predefined_platform_args_and_declared_args_without_default_count_as_declared()
    {
        Lint("ARG TAG\nFROM --platform=$BUILDPLATFORM golang:${TAG} AS build\nFROM --platform=${TARGETPLATFORM} alpine\n").ShouldBeEmpty();
        Lint("FROM --platform=$PLATFORM alpine\n").ShouldBe(["Dockerfile:1: [UndefinedArgInFrom] FROM argument 'PLATFORM' is not declared"]);
    }

    [Fact]
    public void Stage_names_should_be_lower_case()
    {
        Lint("FROM a AS Build\n").ShouldBe(["Dockerfile:1: [StageNameCasing] Stage name 'Build' should be lowercase"]);
    }

    [Fact]
    public void As_keyword_should_match_the_from_keyword_casing()
    {
        Lint("FROM a as build\n").ShouldBe(["Dockerfile:1: [FromAsCasing] 'as' and 'FROM' keywords' casing do not match"]);
        Lint("from a AS build\n").ShouldBe(["Dockerfile:1: [FromAsCasing] 'AS' and 'from' keywords' casing do not match"]);
    }

    [Fact]
    public void Duplicate_stage_names_are_reported_at_the_second_stage()
    {
        Lint("FROM a AS x\nFROM b AS X\n").ShouldBe(
        [
            "Dockerfile:2: [StageNameCasing] Stage name 'X' should be lowercase",
            "Dockerfile:2: [DuplicateStageName] Duplicate stage name \"x\", stage names should be unique",
        ]);
    }

    [Fact]
    public void Reserved_stage_names_are_reported()
    {
        Lint("FROM a AS scratch\nFROM b AS context\n").ShouldBe(
        [
            "Dockerfile:1: [ReservedStageName] Stage name should not use the same name as reserved stage \"scratch\"",
            "Dockerfile:2: [ReservedStageName] Stage name should not use the same name as reserved stage \"context\"",
        ]);
    }

    [Fact]
    public void Empty_continuation_lines_are_reported()
    {
        Lint("FROM a\nRUN apk add \\\n\n    curl\n").ShouldBe(["Dockerfile:4: [NoEmptyContinuation] Empty continuation line"]);
    }

    [Fact]
    public void Instructions_should_follow_the_majority_casing()
    {
        Lint("FROM a\nRUN x\nrun y\nCopy a b\n").ShouldBe(
        [
            "Dockerfile:3: [ConsistentInstructionCasing] Command 'run' should match the case of the command majority (uppercase)",
            "Dockerfile:4: [ConsistentInstructionCasing] Command 'Copy' should match the case of the command majority (uppercase)",
        ]);
        Lint("from a\nrun x\nRUN y\n").ShouldBe(
            ["Dockerfile:3: [ConsistentInstructionCasing] Command 'RUN' should match the case of the command majority (lowercase)"]);
    }

    [Fact]
    public void Repeated_cmd_entrypoint_or_healthcheck_in_a_stage_reports_the_ignored_one()
    {
        Lint("FROM a\nCMD [\"a\"]\nHEALTHCHECK NONE\nCMD [\"b\"]\nHEALTHCHECK CMD [\"true\"]\nFROM b\nCMD [\"c\"]\n").ShouldBe(
        [
            "Dockerfile:2: [MultipleInstructionsDisallowed] Multiple CMD instructions should not be used in the same stage because only the last one will be used",
            "Dockerfile:3: [MultipleInstructionsDisallowed] Multiple HEALTHCHECK instructions should not be used in the same stage because only the last one will be used",
        ]);
    }

    [Fact]
    public void First_workdir_of_a_stage_should_be_absolute()
    {
        Lint("FROM a\nWORKDIR app\nWORKDIR sub\nFROM b\nWORKDIR /srv\nWORKDIR rel\n").ShouldBe(
            ["Dockerfile:2: [WorkdirRelativePath] Relative workdir \"app\" can have unexpected results if the base image changes"]);
    }

    [Fact]
    public void Check_directive_skips_named_checks_or_all()
    {
        Lint("# check=skip=JSONArgsRecommended,MaintainerDeprecated\nFROM a\nMAINTAINER me\nCMD run\nWORKDIR rel\n").ShouldBe(
            ["Dockerfile:5: [WorkdirRelativePath] Relative workdir \"rel\" can have unexpected results if the base image changes"]);
        Lint("# check=skip=all\nFROM a\nMAINTAINER me\n").ShouldBeEmpty();
    }

    [Fact]
    public void Check_directive_can_turn_findings_into_errors()
    {
        var warnings = DockerfileLinter.Lint(Parse.Ast("# check=error=true\nFROM a\nCMD run\n"), null);

        warnings.ShouldHaveSingleItem().IsError.ShouldBeTrue();
        warnings[0].ToString().ShouldStartWith("Dockerfile:3: [JSONArgsRecommended]");
        DockerfileLinter.Lint(Parse.Ast("FROM a\nCMD run\n"), "x").ShouldHaveSingleItem().IsError.ShouldBeFalse();
    }

    [Fact]
    public void Malformed_check_directive_is_rejected_at_its_line()
    {
        var error = Should.Throw<DockerfileSyntaxException>(() => DockerfileLinter.Lint(Parse.Ast("# check=bogus\nFROM a\n"), "Dockerfile"));

        error.Line.ShouldBe(1);
        error.Reason.ShouldBe("invalid check option \"bogus\"");
    }
}
